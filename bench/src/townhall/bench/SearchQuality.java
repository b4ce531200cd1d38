package townhall.bench;

import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;

import static townhall.db.schema.Tables.QUESTION_VECTORS;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.jooq.DSLContext;
import townhall.app.Components;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.search.Embeddings;
import townhall.search.Search;
import townhall.search.SearchHit;
import townhall.search.SearchService;
import townhall.search.SearchService.Retrieval;

/**
 * "Find the duplicate": for every duplicate link of a Stack Exchange dump imported into Townhall, search with the
 * duplicate's title (and separately its title and body) and see where the original ranks, the duplicate itself
 * left out. The same queries run against MariaDB's FULLTEXT search in natural language mode over the same text
 * (title, body and answers of each question), in the same database. Townhall ranks three ways in the same run: by
 * words alone (BM25), by meaning alone (the sentence-embedding vectors) and both fused (the default). The same is
 * shown for the dump's "linked question" pairs (PostLinks type 1), the pairs the fusion was tuned on, never on the
 * duplicates reported; and the cosine similarity of a linked title to its question against a random one, which
 * the floors for hits found by meaning alone were set from. Prints a Markdown section.
 *
 * <p>Usage: {@code SearchQuality <dump folder>}, with TOWNHALL_* settings naming a database the dump was imported
 * into and whose index was rebuilt.
 */
public final class SearchQuality {
    private static final int DEPTH = 10;

    private SearchQuality() {}

    record Pair(long duplicate, long original) {}

    record Scores(int queries, int atOne, int atFive, double reciprocalRanks) {
        String row(String system, String query) {
            return String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f |", system, query, queries,
                    (double) atOne / queries, (double) atFive / queries, reciprocalRanks / queries);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        Config config = Config.load(System.getenv()).with(Setting.DEMO, "false").with(Setting.PORT, "0")
                .with(Setting.SEARCH_VECTORS, "true");
        try (Database database = Database.open(config)) {
            Components c = new Components(config, database, Clock.systemUTC());
            DSLContext db = database.dsl();
            Map<Long, Long> localIds = ImportedIds.questions(db);
            List<Pair> pairs = pairs(links(dump, "3"), localIds);
            List<Pair> linked = pairs(links(dump, "1"), localIds);
            prepareFullText(db);
            try (Search search = Search.start(config, database, c.outbox, c.synonyms, c.markdown, c.clock)) {
                long started = System.nanoTime();
                while (!search.vectorsCaughtUp() || db.fetchCount(townhall.db.schema.Tables.OUTBOX) > 0) {
                    Thread.sleep(200);
                }
                System.err.printf("vectors computed and indexed in %d s%n",
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
                SearchService service = search.service();
                List<String> rows = new ArrayList<>();
                for (boolean withBody : new boolean[] {false, true}) {
                    String query = withBody ? "title + body" : "title";
                    Scores hybrid = null;
                    for (Retrieval retrieval : List.of(Retrieval.WORDS, Retrieval.VECTORS, Retrieval.HYBRID)) {
                        Scores scores = score(pairs, pair -> townhallRanking(service, retrieval,
                                queryText(db, c, pair.duplicate(), withBody)));
                        rows.add(scores.row("Townhall, " + label(retrieval), query));
                        hybrid = scores;
                    }
                    Scores fullText = score(pairs, pair -> fullTextRanking(db, queryText(db, c, pair.duplicate(), withBody)));
                    rows.add(fullText.row("MariaDB FULLTEXT (natural language)", query));
                    if (!withBody) {
                        rows.add(String.format(Locale.ROOT, "| ratio Recall@5, title (hybrid / FULLTEXT) | | | | %.2f × | |",
                                (double) hybrid.atFive() / Math.max(1, fullText.atFive())));
                    }
                }
                List<String> tuning = new ArrayList<>();
                for (Retrieval retrieval : List.of(Retrieval.WORDS, Retrieval.VECTORS, Retrieval.HYBRID)) {
                    tuning.add(score(linked, pair -> townhallRanking(service, retrieval,
                            queryText(db, c, pair.duplicate(), false))).row("Townhall, " + label(retrieval), "title"));
                }
                System.out.println("## Search quality: find the duplicate's original (" + dump.getFileName() + ")");
                System.out.println();
                System.out.println(pairs.size() + " duplicate links between imported questions; the duplicate itself is "
                        + "left out of its own results; ranks counted in the top " + DEPTH + ".");
                System.out.println();
                System.out.println("| search | query | queries | Recall@1 | Recall@5 | MRR@10 |");
                System.out.println("|---|---|---|---|---|---|");
                rows.forEach(System.out::println);
                System.out.println();
                System.out.println("Tuning set: the " + linked.size() + " \"linked question\" pairs (PostLinks type 1), "
                        + "title queries, the linked question left out of its own results.");
                System.out.println();
                System.out.println("| search | query | queries | Recall@1 | Recall@5 | MRR@10 |");
                System.out.println("|---|---|---|---|---|---|");
                tuning.forEach(System.out::println);
                System.out.println();
                similarities(db, c, Embeddings.from(config), linked);
            }
        }
    }

    private static String label(Retrieval retrieval) {
        return switch (retrieval) {
            case WORDS -> "words alone (BM25)";
            case VECTORS -> "meaning alone (vectors)";
            case HYBRID -> "hybrid (default)";
        };
    }

    private static List<Pair> pairs(List<long[]> links, Map<Long, Long> localIds) {
        List<Pair> pairs = new ArrayList<>();
        for (long[] link : links) {
            Long duplicate = localIds.get(link[0]);
            Long original = localIds.get(link[1]);
            if (duplicate != null && original != null && !duplicate.equals(original)) {
                pairs.add(new Pair(duplicate, original));
            }
        }
        return pairs;
    }

    /**
     * Cosine similarity of a linked question's title to its linked question's stored vector, and to another
     * question's (the next pair's): percentiles, to set the floor below which a hit found by meaning alone is left out.
     */
    private static void similarities(DSLContext db, Components c, Embeddings embeddings, List<Pair> linked) {
        Map<Long, float[]> stored = new HashMap<>();
        db.select(QUESTION_VECTORS.QUESTION_ID, QUESTION_VECTORS.VECTOR).from(QUESTION_VECTORS)
                .forEach(r -> stored.put(r.value1(), Embeddings.fromBytes(r.value2())));
        List<Double> toLinked = new ArrayList<>();
        List<Double> toOther = new ArrayList<>();
        for (int i = 0; i < linked.size(); i++) {
            Pair pair = linked.get(i);
            float[] query = embeddings.embed(queryText(db, c, pair.duplicate(), false));
            float[] original = stored.get(pair.original());
            float[] other = stored.get(linked.get((i + 1) % linked.size()).original());
            if (original != null && other != null) {
                toLinked.add(dot(query, original));
                toOther.add(dot(query, other));
            }
        }
        System.out.println("Cosine similarity of a linked title to its linked question, and to another question:");
        System.out.println();
        System.out.println("| to | p10 | p25 | p50 | p75 | p90 |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println(percentiles("its linked question", toLinked));
        System.out.println(percentiles("another question", toOther));
        System.out.println();
    }

    private static String percentiles(String label, List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder row = new StringBuilder("| " + label + " |");
        for (double p : new double[] {0.10, 0.25, 0.50, 0.75, 0.90}) {
            row.append(String.format(Locale.ROOT, " %.2f |", sorted[(int) Math.min(sorted.length - 1, p * sorted.length)]));
        }
        return row.toString();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    interface Ranking {
        List<Long> of(Pair pair);
    }

    private static Scores score(List<Pair> pairs, Ranking ranking) {
        int atOne = 0;
        int atFive = 0;
        double reciprocal = 0;
        for (Pair pair : pairs) {
            List<Long> ranked = ranking.of(pair).stream().filter(id -> id != pair.duplicate()).limit(DEPTH).toList();
            int position = ranked.indexOf(pair.original());
            if (position == 0) {
                atOne++;
            }
            if (position >= 0 && position < 5) {
                atFive++;
            }
            if (position >= 0) {
                reciprocal += 1.0 / (position + 1);
            }
        }
        return new Scores(pairs.size(), atOne, atFive, reciprocal);
    }

    private static String queryText(DSLContext db, Components c, long questionId, boolean withBody) {
        var row = db.select(QUESTIONS.TITLE, POSTS.BODY_MD).from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(QUESTIONS.ID.eq(questionId)).fetchOne();
        return withBody ? row.value1() + " " + c.markdown.plainText(row.value2()) : row.value1();
    }

    private static List<Long> townhallRanking(SearchService service, Retrieval retrieval, String text) {
        SearchService.Results results = service.search(new SearchService.Request(text, SearchService.Scope.QUESTIONS,
                null, false, false, 1, DEPTH + 1, townhall.qa.Audience.ANONYMOUS), retrieval);
        return results.hits().stream().filter(hit -> !hit.faq()).map(SearchHit::id).toList();
    }

    private static List<Long> fullTextRanking(DSLContext db, String text) {
        return db.resultQuery("SELECT id FROM bench_fulltext WHERE MATCH(content) AGAINST (? IN NATURAL LANGUAGE MODE) "
                + "ORDER BY MATCH(content) AGAINST (? IN NATURAL LANGUAGE MODE) DESC LIMIT " + (DEPTH + 1), text, text)
                .fetch(0, Long.class);
    }

    /** The same text Townhall indexes per question, in a table with a FULLTEXT index. */
    private static void prepareFullText(DSLContext db) {
        db.execute("DROP TABLE IF EXISTS bench_fulltext");
        db.execute("CREATE TABLE bench_fulltext (id BIGINT PRIMARY KEY, content MEDIUMTEXT NOT NULL, "
                + "FULLTEXT KEY ft_content (content)) ENGINE=InnoDB");
        db.execute("INSERT INTO bench_fulltext (id, content) SELECT q.id, CONCAT_WS(' ', q.title, p.body_md, "
                + "(SELECT GROUP_CONCAT(a.body_md SEPARATOR ' ') FROM posts a WHERE a.question_id = q.id "
                + "AND a.deleted_at IS NULL)) FROM questions q JOIN posts p ON p.id = q.id WHERE p.deleted_at IS NULL");
    }

    /** PostLinks of a type (1: linked, 3: duplicate): {post, related post} in the dump's own ids. */
    public static List<long[]> links(Path dump, String type) throws Exception {
        List<long[]> links = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        try (InputStream in = Files.newInputStream(dump.resolve("PostLinks.xml"))) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())
                        && type.equals(xml.getAttributeValue(null, "LinkTypeId"))) {
                    links.add(new long[] {Long.parseLong(xml.getAttributeValue(null, "PostId")),
                            Long.parseLong(xml.getAttributeValue(null, "RelatedPostId"))});
                }
            }
        }
        return links;
    }

}
