package townhall.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocalizedTimeTest {
    @Test
    void agoSpeaksThePagesLanguage() {
        assertThat(new TimeFilters().relative(Duration.ofHours(2), Locale.ENGLISH)).isEqualTo("2 hours ago");
        assertThat(new TimeFilters().relative(Duration.ofHours(2), Locale.forLanguageTag("ru"))).isEqualTo("2 часа назад");
        assertThat(new TimeFilters().relative(Duration.ofHours(5), Locale.forLanguageTag("ru"))).isEqualTo("5 часов назад");
        assertThat(new TimeFilters().relative(Duration.ofHours(2), Locale.forLanguageTag("cs"))).isEqualTo("před 2 hodinami");
        assertThat(new TimeFilters().relative(Duration.ofDays(1), Locale.forLanguageTag("cs"))).isEqualTo("před 1 dnem");
    }
}
