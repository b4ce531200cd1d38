package townhall.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * What the built-in model costs here: the time to load it, the process's resident memory before and after, and the
 * time to embed one title (each title of a dump's questions, one at a time, as the ask page does), p50 and p99.
 *
 * <p>Usage: {@code EmbeddingTiming <dump folder> [tokens x texts a call, ...]}, e.g. {@code 32x16,32x32}.
 */
public final class EmbeddingTiming {
    private EmbeddingTiming() {}

    public static void main(String[] args) throws Exception {
        List<String> titles = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0); // the dump's Posts.xml escapes a lot
        factory.setProperty("jdk.xml.totalEntitySizeLimit", 0);
        XMLStreamReader xml = factory.createXMLStreamReader(
                Files.newInputStream(Path.of(args[0]).resolve("Posts.xml")));
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())
                    && "1".equals(xml.getAttributeValue(null, "PostTypeId"))) {
                titles.add(xml.getAttributeValue(null, "Title"));
                String body = xml.getAttributeValue(null, "Body").replaceAll("<[^>]+>", " ");
                texts.add(Embeddings.questionText(titles.getLast(), body));
            }
        }
        long rssBefore = residentMb();
        long started = System.nanoTime();
        Embeddings embeddings = Embeddings.from(Config.of(java.util.Map.of(Setting.SEARCH_VECTORS, "true")));
        long loadMs = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < 100; i++) {
            embeddings.embed(titles.get(i % titles.size())); // warm-up
        }
        long[] nanos = new long[titles.size()];
        for (int i = 0; i < titles.size(); i++) {
            long t = System.nanoTime();
            embeddings.embed(titles.get(i));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "model %s: loaded in %d ms; resident memory %d MB before, %d MB after "
                        + "loading and embedding; %d titles one at a time: p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
                embeddings.name(), loadMs, rssBefore, residentMb(), nanos.length, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6);

        // the background's work: each question's title and start of text, as the vector worker embeds them
        long single = System.nanoTime();
        List<float[]> one = texts.stream().map(embeddings::embed).toList();
        System.out.printf(Locale.ROOT, "%d question texts (title and start of text) one at a time (langchain4j, "
                        + "ONNX's default threads): %.1f ms a question; %d cores, load average %s%n", texts.size(),
                (System.nanoTime() - single) / 1e6 / texts.size(), Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] onnx = Embeddings.resource(Embeddings.BUILT_IN + ".onnx").readAllBytes();
        int[][] variants = args.length > 1 ? java.util.Arrays.stream(args[1].split(","))
                .map(v -> java.util.Arrays.stream(v.split("x")).mapToInt(Integer::parseInt).toArray())
                .toArray(int[][]::new)
                : new int[][] {{128, 16}, {64, 16}, {48, 16}, {32, 16}};
        for (int[] variant : variants) {
            int maxTokens = variant[0];
            int batch = variant[1];
            try (var tokens = Embeddings.resource(Embeddings.BUILT_IN + "-tokenizer.json");
                 BatchEncoder encoder = new BatchEncoder(onnx, tokens, false, BatchEncoder.backgroundThreads(),
                         maxTokens, batch)) {
                encoder.embed(texts.subList(0, 64)); // warm-up
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                List<float[]> many = new ArrayList<>();
                int step = Math.max(32, batch); // the worker's step
                for (int from = 0; from < texts.size(); from += step) {
                    many.addAll(encoder.embed(texts.subList(from, Math.min(texts.size(), from + step))));
                }
                double wallMs = (System.nanoTime() - wall) / 1e6 / texts.size();
                double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / texts.size();
                double min = 1;
                double sum = 0;
                for (int i = 0; i < texts.size(); i++) {
                    double cos = 0;
                    for (int d = 0; d < one.get(i).length; d++) {
                        cos += one.get(i)[d] * many.get(i)[d];
                    }
                    min = Math.min(min, cos);
                    sum += cos;
                }
                System.out.printf(Locale.ROOT, "  in batches of %d, at most %d tokens, %d thread(s): %.1f ms a "
                                + "question (%.1f ms of CPU); cosine to the one-at-a-time vector: mean %.4f, min %.4f; "
                                + "resident memory %d MB; load average %s%n",
                        batch, maxTokens, BatchEncoder.backgroundThreads(), wallMs, cpuMs,
                        sum / texts.size(), min, residentMb(), Files.readString(Path.of("/proc/loadavg")).strip());
            }
        }
    }

    private static long residentMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
