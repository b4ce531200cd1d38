package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Text goes out compressed as the browser asks; kept pages are sent as their kept gzip, with the visitor's token. */
class CompressionTest {
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");

    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.PAGE_CACHE_SECONDS, "60");
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        community.ask(community.member("squeezer"), "Does the equaliser setting survive a firmware update?",
                "I tuned the bass for a week and would hate to lose it.", "firmware");
    }

    @Test
    void aKeptPageIsSentAsGzipThatUnpacksToThePageWithTheVisitorsOwnToken() throws IOException {
        WebClient visitor = server.newClient();
        visitor.getBytes("/questions", GZIP); // kept by this request, or by one before it
        HttpResponse<byte[]> kept = visitor.getBytes("/questions", GZIP);
        assertThat(kept.headers().firstValue(PageCache.HEADER)).hasValue("hit");
        assertThat(kept.headers().firstValue("Content-Encoding")).hasValue("gzip");

        String unpacked = gunzip(kept.body()); // GZIPInputStream checks the trailer's checksum and length
        String plain = visitor.get("/questions").body();
        assertThat(unpacked).isEqualTo(plain).contains("Does the equaliser setting survive a firmware update?");
        assertThat(kept.body().length).isLessThan(plain.getBytes(StandardCharsets.UTF_8).length / 2);

        WebClient other = server.newClient();
        other.get("/"); // a visitor of their own, with a token of their own
        String theirs = gunzip(other.getBytes("/questions", GZIP).body());
        String token = Jsoup.parse(theirs).select("input[name=_csrf]").attr("value");
        assertThat(token).isNotBlank().isNotEqualTo(Jsoup.parse(unpacked).select("input[name=_csrf]").attr("value"));
    }

    @Test
    void aRenderedPageAndAStyleSheetAreSentAsBrotliOrGzipAndPlainToAClientThatAsksForNeither() throws IOException {
        WebClient member = community.member("squeezer2");
        HttpResponse<byte[]> brotli = member.getBytes("/questions", Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertThat(brotli.headers().firstValue(PageCache.HEADER)).isEmpty(); // members get fresh pages
        assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
        Brotli4jLoader.ensureAvailability();
        String page = new String(Decoder.decompress(brotli.body()).getDecompressedData(), StandardCharsets.UTF_8);
        assertThat(page).contains("Does the equaliser setting survive a firmware update?").contains("</html>");

        String styleSheet = Jsoup.parse(page).select("link[rel=stylesheet]").attr("href");
        HttpResponse<byte[]> css = member.getBytes(styleSheet, GZIP);
        assertThat(css.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(css.body())).contains("{");

        HttpResponse<byte[]> plain = member.getBytes("/questions", Map.of());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("</html>");
        assertThat(server.newClient().getBytes("/questions", Map.of("Accept-Encoding", "gzip;q=0")).headers()
                .firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void liveNotificationsReachABrowserThatTakesCompressionEventByEvent() throws Exception {
        WebClient member = community.member("squeezer3");
        HttpResponse<InputStream> live = member.open("/notifications/live",
                Map.of("Accept-Encoding", "gzip, deflate, br", "Accept", "text/event-stream"));
        try (InputStream events = live.body()) {
            assertThat(live.headers().firstValue("Content-Encoding")).isEmpty();
            BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine() + "\n" + lines.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(5, TimeUnit.SECONDS); // the first event, while the stream stays open
            assertThat(first).contains("event: unread").contains("data: 0");
        }
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
