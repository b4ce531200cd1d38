package townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.theme.LoadedTheme;
import townhall.theme.Themes;

/** Every message renders whole in every language and in a brand's own theme; what members typed stays text. */
class MailTemplatesTest {
    /** A message key left untranslated, such as mail.reset.heading. */
    private static final String KEY = "\\b(mail|account|notifications)\\.[a-z_]+\\.[a-z]";
    private static final String BASE = "https://community.northwind.example/help";
    private static final Map<String, Map<String, Object>> MESSAGES = Map.of(
            "test", Map.of("path", "/admin/mail"),
            "confirm", Map.of("username", "ana", "path", "/account/confirm?t=abc", "hours", 48),
            "email_confirm", Map.of("username", "ana", "path", "/account/confirm?t=abc", "hours", 48),
            "email_changing", Map.of("username", "ana", "newAddress", "new@example.org", "path", "/settings/account"),
            "reset", Map.of("username", "ana", "path", "/password/reset?t=abc", "minutes", 60),
            "welcome", Map.of("username", "ana", "messageText", "", "messageHtml", ""));

    @TempDir
    static Path themesDir;

    private static Rendered render(LoadedTheme theme, String template, String language, Map<String, Object> model,
                                   boolean bulk) {
        MailLook look = () -> new MailLook.Look(theme.templates(), "Northwind <Community>", "/brand/files/logo.png",
                "#1d3557", "#ffffff");
        MailRenderer renderer = new MailRenderer(look, BASE, new Unsubscribes(() -> "secret", BASE));
        return renderer.render(new MailStore.Message(7, 1L, "ana@example.com", language, template,
                MailRenderer.toJson(model), bulk, "queued", null, null, null, null, null, null));
    }

    private static Themes themes() throws IOException {
        if (!Files.exists(themesDir.resolve("default"))) {
            Files.createSymbolicLink(themesDir.resolve("default"), Path.of("themes", "default").toAbsolutePath());
            Path custom = themesDir.resolve("custom");
            Files.createDirectories(custom.resolve("templates/mail"));
            Files.writeString(custom.resolve("theme.properties"), "name=Custom\n");
            Files.writeString(custom.resolve("templates/mail/_layout.html.peb"), Files.readString(
                    Path.of("themes/default/templates/mail/_layout.html.peb")).replace("<body", "<body data-theme=\"custom\""));
        }
        return new Themes(themesDir, "default", false, Clock.systemUTC(), "/help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ru", "cs"})
    void everyMessageRendersWholeInEachLanguage(String language) throws IOException {
        LoadedTheme theme = themes().get("default");
        for (var message : MESSAGES.entrySet()) {
            Rendered mail = render(theme, message.getKey(), language, message.getValue(), false);
            assertThat(mail.subject()).as(message.getKey()).isNotBlank().doesNotContainPattern(KEY).doesNotContain("{");
            for (String part : List.of(mail.text(), Jsoup.parse(mail.html()).text())) {
                assertThat(part).as(message.getKey() + " " + language)
                        .doesNotContainPattern(KEY).doesNotContain("{").doesNotContain("}")
                        .contains(BASE); // links are absolute, on the public base URL
            }
            assertThat(Jsoup.parse(mail.html()).select("html").attr("lang")).isEqualTo(language);
            assertThat(mail.text()).as("paragraphs stay apart").contains("\n\n").contains("\n-- \n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ru", "cs"})
    void aBrandsThemeGivesItsOwnLookToEveryMessage(String language) throws IOException {
        LoadedTheme custom = themes().get("custom");
        for (var message : MESSAGES.entrySet()) {
            Rendered mail = render(custom, message.getKey(), language, message.getValue(), false);
            assertThat(mail.html()).as(message.getKey()).contains("data-theme=\"custom\"").contains("#1d3557")
                    .contains(BASE + "/brand/files/logo.png");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ru", "cs"})
    void whatMembersTypedIsTextInBothParts(String language) throws IOException {
        LoadedTheme theme = themes().get("default");
        Rendered mail = render(theme, "email_changing", language, Map.of("username", "<script>alert(1)</script>",
                "newAddress", "\"><img src=x onerror=alert(1)>@example.org", "path", "/settings/account"), false);
        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;");
        assertThat(mail.html()).contains("Northwind &lt;Community&gt;");
        assertThat(Jsoup.parse(mail.html()).select("script, img[onerror]")).isEmpty();
        assertThat(mail.text()).contains("<script>alert(1)</script>"); // plain text shows it as typed, inert
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ru", "cs"})
    void bulkMailLinksItsUnsubscribePage(String language) throws IOException {
        Rendered mail = render(themes().get("default"), "test", language, Map.of("path", "/"), true);
        assertThat(mail.unsubscribeUrl()).startsWith(BASE + "/mail/unsubscribe?a=ana%40example.com&t=");
        assertThat(mail.html()).contains(mail.unsubscribeUrl().replace("&", "&amp;"));
        assertThat(mail.text()).contains(mail.unsubscribeUrl());
    }
}
