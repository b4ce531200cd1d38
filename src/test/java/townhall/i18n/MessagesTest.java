package townhall.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import townhall.reputation.Badge;
import townhall.reputation.HelperService;

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

    /** Message keys in Java: {@code t(ctx, "key")}, {@code Text.of("key")}, form errors and refusals. */
    private static final Pattern JAVA_KEY = Pattern.compile(
            "\"((?:account|badges?|brand|errors|faq|footer|form|home|insight|language|leaderboard|mail|nav|notifications|pagination"
                    + "|outbox|privileges|profile|qa|queue|reputation|search)\\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])\"");
    /** Strings with those prefixes that are not message keys: settings and their environment names. */
    private static final Set<String> NOT_KEYS = Set.of("Setting.java", "Config.java", "SmtpTransport.java");

    @Test
    void everyKeyUsedInJavaExistsInEveryLanguage() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (NOT_KEYS.contains(file.getFileName().toString())) {
                    continue;
                }
                Matcher matcher = JAVA_KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100).contains("qa.error.title.short", "qa.denied.upvote", "errors.csrf");
        for (Badge badge : Badge.values()) {
            used.add(badge.title().key());
            used.add(badge.description().key());
        }
        for (String language : Messages.LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(Messages.classpathBundle(language).keySet());
            assertThat(missing).as("keys used in Java but missing from messages_" + language).isEmpty();
        }
    }

    @Test
    void russianAndCzechAreTranslatedNotCopied() {
        Map<String, String> english = Messages.classpathBundle("en");
        Set<String> sameOnPurpose = Set.of("profile.progress.both", "cs:brand.logo", "insight.change.percent");
        for (String language : List.of("ru", "cs")) {
            Set<String> copied = new TreeSet<>();
            Messages.classpathBundle(language).forEach((key, pattern) -> {
                if (pattern.equals(english.get(key)) && pattern.matches("(?s).*[A-Za-z]{3,}.*")
                        && !sameOnPurpose.contains(key) && !sameOnPurpose.contains(language + ":" + key)) {
                    copied.add(key);
                }
            });
            assertThat(copied).as("messages_" + language + " still in English").isEmpty();
        }
    }

    @Test
    void composedTextsReadNaturallyInEachLanguage() {
        Locale ru = Locale.forLanguageTag("ru");
        Locale cs = Locale.forLanguageTag("cs");
        Text twoParts = new HelperService.Progress(false, null, 170, 3, 0, false, null, 90).summary();
        assertThat(messages.format(Locale.ENGLISH, twoParts)).isEqualTo("3 more accepted or verified answers and 170 reputation to go");
        assertThat(messages.format(ru, twoParts)).isEqualTo("не хватает 3 принятых или проверенных ответов и 170 очков репутации");
        // Czech keeps the one-letter "a" with the next word: ICU joins with a no-break space
        assertThat(messages.format(cs, twoParts)).isEqualTo("chybí 3 přijaté nebo ověřené odpovědi a\u00a0170 bodů reputace");
        Text all = new HelperService.Progress(false, null, 1, 1, 1, true, null, 90).summary();
        assertThat(messages.format(Locale.ENGLISH, all)).isEqualTo(
                "1 more accepted or verified answer, 1 reputation, and 1 day of membership to go; no moderation strike for 90 days");
        assertThat(messages.format(ru, all)).isEqualTo(
                "не хватает 1 принятого или проверенного ответа, 1 очка репутации и 1 дня участия; нужны 90 дней без нарушений");
        assertThat(messages.format(cs, all)).isEqualTo(
                "chybí 1 přijatá nebo ověřená odpověď, 1 bod reputace a\u00a01 den členství; je třeba 90 dní bez napomenutí");

        Text wait = Text.of("account.error.signin.throttled", "minutes", 5);
        assertThat(messages.format(ru, wait)).endsWith("через 5 минут.");
        assertThat(messages.format(ru, wait.with("minutes", 2))).endsWith("через 2 минуты.");
        assertThat(messages.format(ru, wait.with("minutes", 21))).endsWith("через 21 минуту.");
        assertThat(messages.format(cs, wait.with("minutes", 1))).endsWith("za 1 minutu.");
        assertThat(messages.format(cs, wait.with("minutes", 3))).endsWith("za 3 minuty.");
        assertThat(messages.format(cs, wait)).endsWith("za 5 minut.");

        Text tags = Text.of("qa.error.tags.many", "max", 5);
        assertThat(messages.format(Locale.ENGLISH, tags)).isEqualTo("Use at most 5 tags.");
        assertThat(messages.format(ru, tags)).isEqualTo("Используйте не более 5 меток.");
        assertThat(messages.format(cs, tags)).isEqualTo("Použijte nejvýše 5 štítků.");
        assertThat(messages.format(cs, tags.with("max", 3))).isEqualTo("Použijte nejvýše 3 štítky.");

        Text colour = Text.of("brand.error.colour.onIt", "colour", "primary", "value", "#7fb3ff", "text", "white",
                "textColour", "#ffffff", "ratio", "2.1:1", "shade", "darker");
        assertThat(messages.format(Locale.ENGLISH, colour)).startsWith("Primary colour #7fb3ff is refused: white text on it");
        assertThat(messages.format(ru, colour)).startsWith("Основной цвет #7fb3ff не принят: белый текст на нём")
                .endsWith("Выберите более тёмный оттенок.");
        assertThat(messages.format(cs, colour)).startsWith("Hlavní barva #7fb3ff se nepřijímá: bílý text na ní")
                .endsWith("Zvolte tmavší odstín.");
    }

    @Test
    void aTextSurvivesStorageAndSentencesStoredBeforeStayAsTheyWere() {
        Text badge = Text.of("notifications.badge", "badge", "FIRST_ANSWER", "count", 3, "odd", "a&b=c d?");
        Text back = Text.decode(badge.encoded());
        assertThat(back.key()).isEqualTo("notifications.badge");
        assertThat(back.args()).containsEntry("badge", "FIRST_ANSWER").containsEntry("count", 3L).containsEntry("odd", "a&b=c d?");
        String legacy = "You earned the badge “First answer”.";
        assertThat(messages.format(Locale.forLanguageTag("cs"), Text.decode(legacy))).isEqualTo(legacy);
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
