package townhall.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A theme's own i18n/messages_xx.properties replaces shipped texts key by key. */
class ThemeMessagesTest {
    @Test
    void aThemeOverridesSomeKeysAndKeepsTheRest() throws Exception {
        Path theme = Path.of("target", "theme-messages-test", "acme");
        Files.createDirectories(theme.resolve("i18n"));
        Files.writeString(theme.resolve("i18n/messages_cs.properties"), "nav.ask=Zeptejte se Acme\n");
        Files.writeString(theme.resolve("i18n/messages_en.properties"), "nav.ask=Ask Acme\nacme.hello=Hello {name}\n");
        Messages messages = Messages.load(List.of(theme, Path.of("themes", "default")));
        assertThat(messages.format(Locale.forLanguageTag("cs"), "nav.ask")).isEqualTo("Zeptejte se Acme");
        assertThat(messages.format(Locale.ENGLISH, "nav.ask")).isEqualTo("Ask Acme");
        assertThat(messages.format(Locale.forLanguageTag("ru"), "nav.ask")).isEqualTo("Спросить");
        assertThat(messages.format(Locale.forLanguageTag("cs"), "nav.home")).isEqualTo("Domů");
        assertThat(messages.format(Locale.forLanguageTag("ru"), "acme.hello", java.util.Map.of("name", "Аня")))
                .isEqualTo("Hello Аня");
    }
}
