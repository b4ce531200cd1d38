package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeptPageTest {
    private static final String RENDERED_FOR = "token-of-the-visitor-it-was-rendered-for";

    @Test
    void aKeptPageIsServedByteForByteWithEachVisitorsOwnToken() {
        String body = "<p>Пиво, pivo — žluťoučký kůň, 🍺 beer &amp; ale.</p>\n".repeat(2_000);
        String page = "<form><input name=\"_csrf\" value=\"" + RENDERED_FOR + "\"></form>" + body
                + "<form><input name=\"_csrf\" value=\"" + RENDERED_FOR + "\"></form>";
        KeptPage kept = KeptPage.of(page, RENDERED_FOR, 0);

        for (String token : new String[] {"first-visitor-token", "second"}) {
            assertThat(new String(kept.withToken(token), StandardCharsets.UTF_8))
                    .isEqualTo(page.replace(RENDERED_FOR, token));
        }
        assertThat(kept.storedSize()).isLessThan(page.getBytes(StandardCharsets.UTF_8).length / 10);
    }
}
