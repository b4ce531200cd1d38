package townhall.search;

import static townhall.db.schema.Tables.OUTBOX;
import static townhall.db.schema.Tables.QUESTIONS;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import townhall.app.Components;
import townhall.bench.ImportedIds;
import townhall.bench.SearchQuality;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.search.SearchService.Request;
import townhall.search.SearchService.Retrieval;
import townhall.search.SearchService.Scope;

/**
 * How the fusion of words and meaning ranks a linked question: for every "linked question" pair (PostLinks type 1)
 * of an imported dump, search with the first one's title and see where the second ranks, for each mix of the
 * fusion's constant, the vectors' weight and the floor of hits found by meaning alone. The mix is chosen here, on the
 * linked pairs, and reported once on the duplicates by SearchQuality, so those figures are not tuned on themselves.
 *
 * <p>Usage: {@code HybridTuning <dump folder>}, with TOWNHALL_* settings naming the database the dump was imported
 * into (bench/search-quality.sh's target/bench-quality, after it has run once).
 */
public final class HybridTuning {
    private HybridTuning() {}

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        Config config = Config.load(System.getenv()).with(Setting.DEMO, "false").with(Setting.PORT, "0")
                .with(Setting.SEARCH_VECTORS, "true");
        try (Database database = Database.open(config)) {
            Components c = new Components(config, database, Clock.systemUTC());
            DSLContext db = database.dsl();
            Map<Long, Long> localIds = ImportedIds.questions(db);
            List<long[]> pairs = new ArrayList<>();
            for (long[] link : SearchQuality.links(dump, "1")) {
                Long from = localIds.get(link[0]);
                Long to = localIds.get(link[1]);
                if (from != null && to != null && !from.equals(to)) {
                    pairs.add(new long[] {from, to});
                }
            }
            List<String> titles = pairs.stream().map(p -> db.select(QUESTIONS.TITLE).from(QUESTIONS)
                    .where(QUESTIONS.ID.eq(p[0])).fetchOne().value1()).toList();
            try (Search search = Search.start(config, database, c.outbox, c.synonyms, c.markdown, c.clock)) {
                while (!search.vectorsCaughtUp() || db.fetchCount(OUTBOX) > 0) {
                    Thread.sleep(200);
                }
                SearchService service = search.service();
                Embeddings embeddings = Embeddings.from(config);
                System.out.println(pairs.size() + " linked pairs, title queries");
                System.out.println("| retrieval | k | words | vectors | floor | Recall@1 | Recall@5 | MRR@10 |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                for (float floor : new float[] {0.3f, 0.4f, 0.45f, 0.5f}) {
                    Meaning.Mix mix = new Meaning.Mix(60, 1, 1, new Meaning.Floor(floor));
                    System.out.println(row(service, new Meaning(embeddings, Retrieval.VECTORS, mix), pairs, titles,
                            "vectors", mix));
                    for (int k : new int[] {10, 30, 60, 100}) {
                        for (float weight : new float[] {0.5f, 1f, 1.5f, 2f}) {
                            Meaning.Mix hybrid = new Meaning.Mix(k, 1, weight, new Meaning.Floor(floor));
                            System.out.println(row(service, new Meaning(embeddings, Retrieval.HYBRID, hybrid), pairs,
                                    titles, "hybrid", hybrid));
                        }
                    }
                }
            }
        }
    }

    private static String row(SearchService service, Meaning meaning, List<long[]> pairs, List<String> titles,
                              String label, Meaning.Mix mix) {
        int atOne = 0;
        int atFive = 0;
        double reciprocal = 0;
        for (int i = 0; i < pairs.size(); i++) {
            long self = pairs.get(i)[0];
            List<Long> ids = service.search(new Request(titles.get(i), Scope.QUESTIONS, null, false, false, 1, 11, townhall.qa.Audience.ANONYMOUS),
                    meaning).hits().stream().map(SearchHit::id).filter(id -> id != self).limit(10).toList();
            int position = ids.indexOf(pairs.get(i)[1]);
            atOne += position == 0 ? 1 : 0;
            atFive += position >= 0 && position < 5 ? 1 : 0;
            reciprocal += position >= 0 ? 1.0 / (position + 1) : 0;
        }
        double n = pairs.size();
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f | %.3f | %.3f | %.3f |", label, mix.k(),
                mix.wordsWeight(), mix.vectorsWeight(), mix.searchFloor().cosine(), atOne / n, atFive / n,
                reciprocal / n);
    }
}
