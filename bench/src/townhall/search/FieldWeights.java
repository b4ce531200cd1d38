package townhall.search;

import java.nio.file.*;
import java.util.*;
import javax.xml.stream.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * How field weights rank a linked question: for every PostLinks row of one type (1 = linked, 3 = duplicate) between
 * two questions of an imported dump, search with the first one's title over title, tags, body and answers and see
 * where the second ranks. Weights are chosen on the linked pairs and checked once on the duplicates, so the
 * duplicate figures in BENCHMARKS.md are not tuned on themselves.
 *
 * <p>Usage: {@code FieldWeights <index folder> <dump folder> <link type>}, on the index of a database the dump was
 * imported into (see run-all.sh); needs {@code -Djdk.xml.maxGeneralEntitySizeLimit=0}.
 */
public final class FieldWeights {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]); Path dump = Path.of(a[1]); String type = a[2];
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index));
        IndexSearcher searcher = new IndexSearcher(reader);
        Analyzer analyzer = new Analysis(Language.EN).index();
        // the dump's questions are found in the index by their exact title
        Map<Long,String> titles = new HashMap<>();
        XMLInputFactory f = XMLInputFactory.newFactory();
        try (var in = Files.newInputStream(dump.resolve("Posts.xml"))) {
            XMLStreamReader x = f.createXMLStreamReader(in);
            while (x.hasNext()) if (x.next()==XMLStreamConstants.START_ELEMENT && "row".equals(x.getLocalName()) && "1".equals(x.getAttributeValue(null,"PostTypeId")))
                titles.put(Long.parseLong(x.getAttributeValue(null,"Id")), x.getAttributeValue(null,"Title"));
        }
        Map<String,Long> docByTitle = new HashMap<>();
        StoredFields sf = searcher.storedFields();
        for (int d=0; d<reader.maxDoc(); d++) { var doc = sf.document(d); if ("question".equals(doc.get("kind"))) docByTitle.put(doc.get("title"), doc.getField("id").numericValue().longValue()); }
        List<long[]> pairs = new ArrayList<>(); List<String> queries = new ArrayList<>();
        try (var in = Files.newInputStream(dump.resolve("PostLinks.xml"))) {
            XMLStreamReader x = f.createXMLStreamReader(in);
            while (x.hasNext()) if (x.next()==XMLStreamConstants.START_ELEMENT && "row".equals(x.getLocalName()) && type.equals(x.getAttributeValue(null,"LinkTypeId"))) {
                String t1 = titles.get(Long.parseLong(x.getAttributeValue(null,"PostId"))), t2 = titles.get(Long.parseLong(x.getAttributeValue(null,"RelatedPostId")));
                if (t1==null||t2==null) continue; Long d1 = docByTitle.get(t1), d2 = docByTitle.get(t2);
                if (d1==null||d2==null||d1.equals(d2)) continue;
                pairs.add(new long[]{d1,d2}); queries.add(t1);
            }
        }
        System.out.println(pairs.size()+" pairs of type "+type);
        // title, tags, body, answers, title phrase; a negative title weight means BM25F (CombinedFieldQuery)
        float[][] configs = {
            {3, 2, 1, 0.4f, 2}, {3, 2, 1, 0.4f, 0}, {2, 1.5f, 1, 0.6f, 1}, {1.5f, 1, 1, 0.8f, 1}, {2, 1, 1, 1, 1},
            {1.5f, 1, 1, 0.6f, 1}, {2, 2, 1, 0.8f, 1}, {1.5f, 1.5f, 1, 1, 0.5f}, {1.2f, 1, 1, 1, 1}, {1, 1, 1, 1, 0},
            {1, 1, 1, 1, 2}, {-1, 1, 1, 1, 0}, {-2, 1, 1, 1, 0}, {-3, 2, 1, 1, 0}
        };
        for (float[] w : configs) {
            int at1=0, at5=0; double mrr=0;
            for (int i=0;i<pairs.size();i++) {
                QueryBuilder qb = new QueryBuilder(analyzer);
                BooleanQuery.Builder q = new BooleanQuery.Builder();
                if (w[0] < 0) {
                    for (String term : new LinkedHashSet<>(SearchService.terms(analyzer, "title", queries.get(i)))) {
                        q.add(new CombinedFieldQuery.Builder(term).addField("title", -w[0]).addField("tags", w[1]).addField("body", w[2]).addField("answers", w[3]).build(), Occur.SHOULD);
                    }
                } else {
                add(q, qb, "title", queries.get(i), w[0]); add(q, qb, "tags", queries.get(i), w[1]);
                add(q, qb, "body", queries.get(i), w[2]); add(q, qb, "answers", queries.get(i), w[3]);
                }
                if (w[4] > 0) { Query p = qb.createPhraseQuery("title", queries.get(i), 3); if (p != null) q.add(new BoostQuery(p, w[4]), Occur.SHOULD); }
                Query full = new BooleanQuery.Builder().add(q.build(), Occur.MUST).add(new TermQuery(new Term("kind","question")), Occur.FILTER).build();
                TopDocs top = searcher.search(full, 12);
                List<Long> ids = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) { long id = sf.document(sd.doc).getField("id").numericValue().longValue(); if (id != pairs.get(i)[0]) ids.add(id); }
                int pos = ids.subList(0, Math.min(10, ids.size())).indexOf(pairs.get(i)[1]);
                if (pos==0) at1++; if (pos>=0&&pos<5) at5++; if (pos>=0) mrr += 1.0/(pos+1);
            }
            System.out.printf("title %.1f tags %.1f body %.1f answers %.1f phrase %.1f: R@1 %.3f R@5 %.3f MRR %.3f%n", w[0],w[1],w[2],w[3],w[4], at1/(double)pairs.size(), at5/(double)pairs.size(), mrr/pairs.size());
        }
    }
    static void add(BooleanQuery.Builder q, QueryBuilder qb, String field, String text, float boost) {
        Query x = qb.createBooleanQuery(field, text, Occur.SHOULD);
        if (x instanceof BooleanQuery b) for (var c : b.clauses()) q.add(new BoostQuery(c.query(), boost), Occur.SHOULD);
        else if (x != null) q.add(new BoostQuery(x, boost), Occur.SHOULD);
    }
}
