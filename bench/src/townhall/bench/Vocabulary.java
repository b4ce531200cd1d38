package townhall.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** Words and tags of a real Stack Exchange dump, drawn with their real (Zipf-like) frequencies. */
final class Vocabulary {
    private static final Pattern WORD = Pattern.compile("[a-z][a-z']{1,20}");
    private static final Pattern TAG = Pattern.compile("[<|]([^<>|]+)[>|]");

    private final List<String> words;
    private final Zipf wordRanks;
    final List<String> tags;

    private Vocabulary(List<String> words, List<String> tags) {
        this.words = words;
        this.wordRanks = new Zipf(words.size(), 1.05);
        this.tags = tags;
    }

    static Vocabulary fromDump(Path folder) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> tagCounts = new HashMap<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // dump attributes hold whole posts: lift the JDK's 100 KB default limit on one attribute's text
        factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", 0);
        factory.setProperty("jdk.xml.totalEntitySizeLimit", 0);
        try (InputStream in = Files.newInputStream(folder.resolve("Posts.xml"))) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    String text = (xml.getAttributeValue(null, "Title") + " " + xml.getAttributeValue(null, "Body"))
                            .replaceAll("<[^>]+>", " ").toLowerCase(Locale.ROOT);
                    Matcher m = WORD.matcher(text);
                    while (m.find()) {
                        counts.merge(m.group(), 1, Integer::sum);
                    }
                    String tags = xml.getAttributeValue(null, "Tags");
                    if (tags != null) {
                        Matcher t = TAG.matcher(tags);
                        while (t.find()) {
                            tagCounts.merge(t.group(1), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        List<String> words = counts.entrySet().stream().filter(e -> !e.getKey().equals("null"))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(Map.Entry::getKey)
                .limit(30_000).toList();
        List<String> tags = new ArrayList<>(tagCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).toList());
        // more tags than one small site has, made of its own words, so a big community has a long tail
        for (int i = 0; tags.size() < 1500; i++) {
            String tag = words.get(20 + i % 400) + "-" + words.get(60 + (i * 7) % 900);
            if (tag.length() <= 35 && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new Vocabulary(words, tags);
    }

    String word(Random random) {
        return words.get(wordRanks.sample(random));
    }

    String words(Random random, int count) {
        StringBuilder text = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(word(random));
        }
        return text.toString();
    }
}
