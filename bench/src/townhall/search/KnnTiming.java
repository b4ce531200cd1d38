package townhall.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.qa.CategoryVisibility;

/**
 * Where a search by meaning spends its time on a large index, one part at a time and one query at a time (no load
 * besides): embedding a typed title, the nearest questions without a filter, and with a visitor's audience filter.
 *
 * <p>Usage: {@code KnnTiming <index folder> <file of titles, one a line>}, the index not written to meanwhile.
 */
public final class KnnTiming {
    private static final int K = 30; // the search page's window: 2 * 10 + 10

    public static void main(String[] args) throws Exception {
        Path indexDir = Path.of(args[0]);
        List<String> titles = Files.readAllLines(Path.of(args[1])).stream().filter(t -> !t.isBlank()).toList();
        Embeddings embeddings = Embeddings.from(Config.load(System.getenv()).with(Setting.SEARCH_VECTORS, "true"));
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            describe(reader);
            List<BooleanClause> visitor = List.of(new BooleanClause(
                    new TermQuery(new Term(Fields.AUDIENCE, CategoryVisibility.PUBLIC.code())), Occur.FILTER));
            List<float[]> vectors = new ArrayList<>();
            report("embed a title", titles, t -> () -> vectors.add(embeddings.embed(t)));
            for (int round = 0; round < 2; round++) { // the first round warms the graph's pages and the JIT
                String warm = round == 0 ? " (first round)" : "";
                report("nearest " + K + ", no filter" + warm, vectors,
                        v -> () -> Meaning.nearest(searcher, v, K, List.of(), new Meaning.Floor(-1)));
                report("nearest " + K + ", a visitor's filter" + warm, vectors,
                        v -> () -> Meaning.nearest(searcher, v, K, visitor, new Meaning.Floor(-1)));
            }
        }
    }

    private static void describe(DirectoryReader reader) throws Exception {
        int withVectors = 0;
        List<Integer> sizes = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            int n = values == null ? 0 : values.size();
            withVectors += n;
            sizes.add(n);
        }
        System.out.printf(Locale.ROOT, "%d documents, %d with a vector, %d segments (vectors a segment: %s)%n%n",
                reader.numDocs(), withVectors, reader.leaves().size(), sizes);
        System.out.println("| part | runs | p50 ms | p99 ms | mean ms |");
        System.out.println("|---|---|---|---|---|");
    }

    interface Work {
        void run() throws Exception;
    }

    interface Step<T> {
        Work of(T input);
    }

    private static <T> void report(String part, List<T> inputs, Step<T> step) throws Exception {
        long[] nanos = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Work work = step.of(inputs.get(i));
            long started = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - started;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", part, nanos.length,
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6,
                mean);
    }

    private KnnTiming() {}
}
