package townhall.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundles are complete in every language, every key a template uses exists, and plurals follow ICU. */
class MessagesTest {
    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*'([A-Za-z0-9_.]+)'");
    private final Messages messages = Messages.load();

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() {
        Set<String> english = Messages.classpathBundle("en").keySet();
        assertThat(english).hasSizeGreaterThan(200);
        for (String language : Messages.LANGUAGES) {
            Set<String> keys = Messages.classpathBundle(language).keySet();
            assertThat(new TreeSet<>(keys)).as("keys of messages_" + language).isEqualTo(new TreeSet<>(english));
            Messages.classpathBundle(language).forEach((key, pattern) ->
                    assertThat(pattern).as(language + " " + key).isNotBlank());
        }
    }

    @Test
    void everyMessageCompilesInItsLanguage() {
        for (String language : Messages.LANGUAGES) {
            Locale locale = Locale.forLanguageTag(language);
            Messages.classpathBundle(language).forEach((key, pattern) ->
                    assertThat(messages.format(locale, key, Map.of("count", 3, "site", "Acme", "name", "ann")))
                            .as(language + " " + key).isNotNull());
        }
    }

    @Test
    void everyKeyUsedInTheThemesExistsInEnglish() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("themes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".peb")).toList()) {
                Matcher matcher = T_CALL.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(150);
        Set<String> missing = new TreeSet<>();
        for (String key : used) {
            if (!key.endsWith(".") && !messages.has(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys used in templates but missing from messages_en").isEmpty();
    }

    @Test
    void russianAndCzechPluralsFollowTheirRules() {
        Locale ru = Locale.forLanguageTag("ru");
        Locale cs = Locale.forLanguageTag("cs");
        assertThat(messages.format(ru, "qa.answers", Map.of("count", 1))).isEqualTo("1 ответ");
        assertThat(messages.format(ru, "qa.answers", Map.of("count", 2))).isEqualTo("2 ответа");
        assertThat(messages.format(ru, "qa.answers", Map.of("count", 5))).isEqualTo("5 ответов");
        assertThat(messages.format(ru, "qa.answers", Map.of("count", 21))).isEqualTo("21 ответ");
        assertThat(messages.format(cs, "qa.answers", Map.of("count", 1))).isEqualTo("1 odpověď");
        assertThat(messages.format(cs, "qa.answers", Map.of("count", 2))).isEqualTo("2 odpovědi");
        assertThat(messages.format(cs, "qa.answers", Map.of("count", 5))).isEqualTo("5 odpovědí");
        assertThat(messages.format(Locale.ENGLISH, "qa.answers", Map.of("count", 1))).isEqualTo("1 answer");
        assertThat(messages.format(Locale.ENGLISH, "qa.answers", Map.of("count", 21))).isEqualTo("21 answers");
    }

    @Test
    void anUnknownLanguageFallsBackToEnglishAndAnUnknownKeyToItself() {
        assertThat(messages.format(Locale.JAPANESE, "nav.home")).isEqualTo("Home");
        assertThat(messages.format(Locale.ENGLISH, "no.such.key")).isEqualTo("no.such.key");
        assertThat(Messages.supported("cs-CZ")).isEqualTo("cs");
        assertThat(Messages.supported("xx")).isNull();
    }

    @Test
    void formattingIsCheapAndSafeFromManyThreads() throws Exception {
        Locale ru = Locale.forLanguageTag("ru");
        long started = System.nanoTime();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 8; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int n = i % 30;
                        String text = messages.format(ru, "qa.answers", Map.of("count", n));
                        if (!text.startsWith(n + " ")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var future : futures) {
                assertThat(future.get()).isTrue();
            }
        }
        long micros = (System.nanoTime() - started) / 1000 / 160_000;
        assertThat(micros).as("microseconds per message").isLessThan(50);
    }
}
