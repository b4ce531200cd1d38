package townhall.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.app.Setting;
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
}
