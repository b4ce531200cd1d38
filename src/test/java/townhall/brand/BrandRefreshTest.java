package townhall.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.TownhallServer;

/** Settings another node saved reach this node within the refresh interval, without a restart. */
class BrandRefreshTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.BRAND_REFRESH_SECONDS, "1");

    private static String siteName() {
        return server.newClient().get("/").html().select("header .brand-name").text();
    }

    @Test
    void aChangeSavedByAnotherNodeShowsWithinSeconds() throws InterruptedException {
        assertThat(siteName()).isEqualTo("Townhall");
        // another node writes the row; this node's snapshot does not know yet
        BrandStore otherNode = new BrandStore(server.components().database.dsl());
        otherNode.save(Map.of(BrandService.SITE_NAME, "Saved Elsewhere"), Set.of(), 1,
                LocalDateTime.now(ZoneOffset.UTC));
        long deadline = System.nanoTime() + 10_000_000_000L;
        String seen = siteName();
        while (!seen.equals("Saved Elsewhere") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = siteName();
        }
        assertThat(seen).isEqualTo("Saved Elsewhere");
    }

    private static boolean corporateFooter() {
        return !server.newClient().get("/").html().select("footer.corporate-footer").isEmpty();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    @Test
    void aThemeChosenOnAnotherNodeShowsWithinSecondsAndAVanishedOneFallsBackToTheConfiguredTheme()
            throws InterruptedException {
        assertThat(corporateFooter()).isFalse();
        BrandStore otherNode = new BrandStore(server.components().database.dsl());
        otherNode.save(Map.of(BrandService.THEME, "corporate"), Set.of(), 1, LocalDateTime.now(ZoneOffset.UTC));
        assertThat(waitFor(BrandRefreshTest::corporateFooter)).as("corporate within seconds").isTrue();

        // a theme folder another node had and this one does not: this node keeps to TOWNHALL_THEME
        otherNode.save(Map.of(BrandService.THEME, "vanished"), Set.of(), 1, LocalDateTime.now(ZoneOffset.UTC));
        assertThat(waitFor(() -> !corporateFooter())).as("back to the configured theme").isTrue();
        assertThat(server.newClient().get("/").status()).isEqualTo(200);
    }
}
