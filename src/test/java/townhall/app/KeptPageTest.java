package townhall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeptPageTest {
    private static final String SLOT = "\u0000csrf\u0000";

    @Test
    void aKeptPageIsServedByteForByteWithEachVisitorsOwnToken() {
        String body = "<p>Пиво, pivo — žluťoučký kůň, 🍺 beer &amp; ale.</p>\n".repeat(2_000);
        String page = "<form><input name=\"_csrf\" value=\"" + SLOT + "\"></form>" + body
                + "<form><input name=\"_csrf\" value=\"" + SLOT + "\"></form>";
        KeptPage kept = KeptPage.of(page, SLOT, 0);

        for (String token : new String[] {"first-visitor-token", "second"}) {
            assertThat(new String(kept.withToken(token), StandardCharsets.UTF_8))
                    .isEqualTo(page.replace(SLOT, token));
        }
        assertThat(kept.storedSize()).isLessThan(page.getBytes(StandardCharsets.UTF_8).length / 10);
    }
}
