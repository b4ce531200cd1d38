import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Makes a large Stack Exchange dump out of a small one, for measuring the importer: every file is written
 * {@code copies} times over, each copy with its ids moved by {@code copy * 10,000,000} (the Community user -1
 * stays shared), so the copies are distinct posts, members and comments with real text. Streams; memory stays
 * flat.
 *
 * <pre>java bench/StackExchangeDumpGenerator.java ../shared/data/stackexchange/beer.stackexchange.com \
 *     target/bench/x30.beer.stackexchange.com 30</pre>
 */
public class StackExchangeDumpGenerator {
    static final long OFFSET = 10_000_000L;

    /** The attributes holding ids, per file. */
    static final Map<String, Set<String>> IDS = Map.of(
            "Users.xml", Set.of("Id", "AccountId"),
            "Posts.xml", Set.of("Id", "ParentId", "AcceptedAnswerId", "OwnerUserId", "LastEditorUserId"),
            "PostHistory.xml", Set.of("Id", "PostId", "UserId"),
            "PostLinks.xml", Set.of("Id", "PostId", "RelatedPostId"),
            "Comments.xml", Set.of("Id", "PostId", "UserId"),
            "Votes.xml", Set.of("Id", "PostId", "UserId"),
            "Tags.xml", Set.of());

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: java bench/StackExchangeDumpGenerator.java <dump folder> <new folder> <copies>");
            System.exit(2);
        }
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        int copies = Integer.parseInt(args[2]);
        Files.createDirectories(to);
        XMLInputFactory in = XMLInputFactory.newFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        in.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0);
        in.setProperty("jdk.xml.totalEntitySizeLimit", 0);
        for (var file : IDS.entrySet()) {
            Path source = from.resolve(file.getKey());
            if (!Files.exists(source)) continue;
            long rows = 0;
            try (Writer w = new OutputStreamWriter(new BufferedOutputStream(
                    Files.newOutputStream(to.resolve(file.getKey())), 1 << 16), StandardCharsets.UTF_8)) {
                w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
                String root = null;
                for (int copy = 0; copy < (file.getKey().equals("Tags.xml") ? 1 : copies); copy++) {
                    try (InputStream input = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
                        XMLStreamReader r = in.createXMLStreamReader(input);
                        while (r.hasNext()) {
                            if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
                            if (!r.getLocalName().equals("row")) {
                                if (root == null) {
                                    root = r.getLocalName();
                                    w.write("<" + root + ">\n");
                                }
                                continue;
                            }
                            w.write("  <row");
                            for (int i = 0; i < r.getAttributeCount(); i++) {
                                String name = r.getAttributeLocalName(i);
                                String value = r.getAttributeValue(i);
                                if (copy > 0 && file.getValue().contains(name) && !value.equals("-1")) {
                                    value = Long.toString(Long.parseLong(value) + copy * OFFSET);
                                }
                                w.write(" " + name + "=\"");
                                escape(value, w);
                                w.write('"');
                            }
                            w.write(" />\n");
                            rows++;
                        }
                        r.close();
                    }
                }
                w.write("</" + root + ">\n");
            }
            System.out.printf("%s: %,d rows%n", file.getKey(), rows);
        }
    }

    /** As the dumps write attribute values: line breaks as character references, so they survive parsing. */
    static void escape(String value, Writer w) throws java.io.IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> w.write("&amp;");
                case '<' -> w.write("&lt;");
                case '>' -> w.write("&gt;");
                case '"' -> w.write("&quot;");
                case '\n' -> w.write("&#xA;");
                case '\r' -> w.write("&#xD;");
                case '\t' -> w.write("&#x9;");
                default -> w.write(c);
            }
        }
    }
}
