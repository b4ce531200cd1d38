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
 * <p>Usage: {@code EmbeddingTiming <dump folder>}.
 */
public final class EmbeddingTiming {
    private EmbeddingTiming() {}

    public static void main(String[] args) throws Exception {
        List<String> titles = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0); // the dump's Posts.xml escapes a lot
        factory.setProperty("jdk.xml.totalEntitySizeLimit", 0);
        XMLStreamReader xml = factory.createXMLStreamReader(
                Files.newInputStream(Path.of(args[0]).resolve("Posts.xml")));
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())
                    && "1".equals(xml.getAttributeValue(null, "PostTypeId"))) {
                titles.add(xml.getAttributeValue(null, "Title"));
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
