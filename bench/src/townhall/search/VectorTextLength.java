package townhall.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import townhall.bench.SearchQuality;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * How much of a question the background's vectors should read: for each limit of tokens, every question's vector is
 * computed as the vector worker does (title and start of text, in batches), and each "linked question" pair
 * (PostLinks type 1; never the duplicates SearchQuality reports) is ranked by meaning alone: the first one's title,
 * embedded as a typed query is, against every other question's vector. Reads the dump only, no database.
 *
 * <p>Usage: {@code VectorTextLength <dump folder>}.
 */
public final class VectorTextLength {
    private VectorTextLength() {}

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        List<Long> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<Long, String> titles = new HashMap<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0);
        factory.setProperty("jdk.xml.totalEntitySizeLimit", 0);
        XMLStreamReader xml = factory.createXMLStreamReader(Files.newInputStream(dump.resolve("Posts.xml")));
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())
                    && "1".equals(xml.getAttributeValue(null, "PostTypeId"))) {
                long id = Long.parseLong(xml.getAttributeValue(null, "Id"));
                String title = xml.getAttributeValue(null, "Title");
                ids.add(id);
                titles.put(id, title);
                texts.add(Embeddings.questionText(title, xml.getAttributeValue(null, "Body").replaceAll("<[^>]+>", " ")));
            }
        }
        List<long[]> pairs = new ArrayList<>();
        for (long[] link : SearchQuality.links(dump, "1")) {
            if (titles.containsKey(link[0]) && titles.containsKey(link[1]) && link[0] != link[1]) {
                pairs.add(link);
            }
        }
        Embeddings embeddings = Embeddings.from(Config.of(Map.of(Setting.SEARCH_VECTORS, "true")));
        Map<Long, float[]> queries = new HashMap<>();
        for (long[] pair : pairs) {
            queries.computeIfAbsent(pair[0], id -> embeddings.embed(titles.get(id)));
        }
        byte[] onnx = Embeddings.resource(Embeddings.BUILT_IN + ".onnx").readAllBytes();
        System.out.println(pairs.size() + " linked pairs, title queries, by meaning alone");
        System.out.println("| tokens read of a question | Recall@1 | Recall@5 | MRR@10 |");
        System.out.println("|---|---|---|---|");
        for (int maxTokens : args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {128, 96, 64, 48, 32}) {
            List<float[]> vectors;
            try (var tokens = Embeddings.resource(Embeddings.BUILT_IN + "-tokenizer.json");
                 BatchEncoder encoder = new BatchEncoder(onnx, tokens, false, BatchEncoder.backgroundThreads(),
                         maxTokens, BatchEncoder.BATCH)) {
                vectors = new ArrayList<>();
                for (int from = 0; from < texts.size(); from += 32) {
                    vectors.addAll(encoder.embed(texts.subList(from, Math.min(texts.size(), from + 32))));
                }
            }
            int atOne = 0;
            int atFive = 0;
            double reciprocal = 0;
            for (long[] pair : pairs) {
                float[] q = queries.get(pair[0]);
                float target = 0;
                int better = 0;
                List<Float> others = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (ids.get(i) == pair[0]) {
                        continue;
                    }
                    float cos = 0;
                    for (int d = 0; d < q.length; d++) {
                        cos += q[d] * vectors.get(i)[d];
                    }
                    if (ids.get(i) == pair[1]) {
                        target = cos;
                    } else {
                        others.add(cos);
                    }
                }
                for (float other : others) {
                    better += other > target ? 1 : 0;
                }
                atOne += better == 0 ? 1 : 0;
                atFive += better < 5 ? 1 : 0;
                reciprocal += better < 10 ? 1.0 / (better + 1) : 0;
            }
            double n = pairs.size();
            System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.3f |%n", maxTokens, atOne / n, atFive / n,
                    reciprocal / n);
        }
    }
}
