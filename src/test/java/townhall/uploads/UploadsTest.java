package townhall.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.UPLOADS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Images in posts: sniffed, held to the uploader's limits, re-encoded without metadata, kept by hash, cached for good. */
class UploadsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.UPLOAD_NEW_MEMBER_MAX_SIDE, "50");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Community community;
    private static WebClient member;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        member = community.member("photographer");
    }

    private static WebClient.Response upload(WebClient who, String name, String type, byte[] bytes) {
        return who.postMultipart("/uploads", Map.of(), Map.of("image", new WebClient.FilePart(name, type, bytes)), true);
    }

    private static int uploadRows() {
        return server.components().database.dsl().fetchCount(UPLOADS);
    }

    private static long storedFiles() throws Exception {
        Path folder = Path.of(server.config().get(Setting.DATA_DIR), "uploads");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aJpegLosesItsExifAndGpsAndIsServedByItsHashWithImmutableCaching() throws Exception {
        byte[] original = ExifJpeg.withGps(40, 30);
        assertThat(ExifJpeg.segments(original)).contains(0xE1);
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains(ExifJpeg.CAMERA);

        WebClient.Response response = upload(member, "holiday photo.jpg", "image/jpeg", original);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        String url = result.path("url").asText();
        assertThat(url).matches("/uploads/[0-9a-f]{64}\\.jpg");
        assertThat(result.path("markdown").asText()).isEqualTo("![holiday photo](" + url + ")");

        HttpResponse<byte[]> image = server.newClient().getBytes(url); // anyone may see it, like the post
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image.headers().firstValue("Cache-Control").orElse("")).contains("immutable").contains("max-age=31536000");
        byte[] served = image.body();
        assertThat(ExifJpeg.segments(served)).doesNotContain(0xE1).contains(0xDA);
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(ExifJpeg.CAMERA).doesNotContain("Exif");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(30);
        assertThat(url).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served)));

        // the same picture again is kept once
        long files = storedFiles();
        assertThat(JSON.readTree(upload(member, "again.jpg", "image/jpeg", original).body()).path("url").asText()).isEqualTo(url);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void aFileThatClaimsToBePngButIsNotIsRefusedWithAClearMessageAndNothingKept() throws Exception {
        int rows = uploadRows();
        long files = storedFiles();
        byte[] fake = "MZ this is really a program, not a picture".getBytes(StandardCharsets.US_ASCII);
        WebClient.Response response = upload(member, "cat.png", "image/png", fake);
        assertThat(response.status()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .contains("“cat.png”").contains("not PNG, JPEG, GIF or WebP");
        // a real PNG header with nothing decodable behind it
        byte[] broken = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        assertThat(upload(member, "broken.png", "image/png", broken).status()).isEqualTo(422);
        assertThat(uploadRows()).isEqualTo(rows);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void aNewMembersLimitsAreSmallerThanAnEstablishedMembers() throws Exception {
        byte[] sixty = ExifJpeg.image("png", 60, 60);
        WebClient newcomer = community.newcomer("firstpicture");
        server.components().database.dsl().update(MEMBERS).set(MEMBERS.EMAIL_CONFIRMED_AT, java.time.LocalDateTime.now())
                .where(MEMBERS.ID.eq(community.idOf(newcomer))).execute();
        WebClient.Response refused = upload(newcomer, "big.png", "image/png", sixty);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("60 × 60").contains("50 pixels");
        assertThat(upload(member, "big.png", "image/png", sixty).status()).isEqualTo(200);
    }

    @Test
    void withoutTheScriptTheAskFormTakesTheImageAndComesBackWithItsMarkdown() throws Exception {
        int questions = server.components().database.dsl().fetchCount(QUESTIONS);
        Map<String, String> fields = Map.of("title", "Why is there a scratch on the new turntable lid?",
                "body", "See the picture below.", "tags", "turntable", "category", "general");
        WebClient.Response page = member.postMultipart("/ask", fields,
                Map.of("image", new WebClient.FilePart("lid.png", "image/png", ExifJpeg.image("png", 20, 20))), true);
        assertThat(page.status()).isEqualTo(200);
        Document form = page.html();
        String body = form.select("textarea#body").text();
        assertThat(body).startsWith("See the picture below.").containsPattern("!\\[lid\\]\\(/uploads/[0-9a-f]{64}\\.png\\)");
        assertThat(form.select("input#title").val()).isEqualTo(fields.get("title"));
        assertThat(form.select("#ask-preview img").attr("src")).matches("/uploads/[0-9a-f]{64}\\.png");
        assertThat(server.components().database.dsl().fetchCount(QUESTIONS)).isEqualTo(questions);

        // posted as it came back, the question shows the image
        WebClient.Response posted = member.post("/ask", Map.of("title", fields.get("title"), "body", body,
                "tags", "turntable", "category", "general"));
        assertThat(posted.status()).isEqualTo(303);
        Document question = member.page(posted.location());
        assertThat(question.select(".post-body img").attr("src")).matches("/uploads/[0-9a-f]{64}\\.png");

        // "Add image" without a file says what to do and keeps the text
        WebClient.Response noFile = member.postMultipart("/ask", Map.of("title", fields.get("title"), "body", "Kept text",
                "tags", "turntable", "category", "general", "add_image", "1"), Map.of(), true);
        assertThat(noFile.status()).isEqualTo(422);
        assertThat(noFile.html().select("#ask-image-error").text()).contains("Choose an image file first");
        assertThat(noFile.html().select("textarea#body").text()).isEqualTo("Kept text");
    }

    @Test
    void anAnswerFormRefusesABadImageOnItsFieldAndKeepsTheAnswer() {
        long questionId = community.ask(community.member("asker"), "How do I clean the turntable lid well?");
        WebClient.Response page = member.postMultipart("/q/" + questionId + "/answers", Map.of("body", "Use a soft cloth."),
                Map.of("image", new WebClient.FilePart("cloth.png", "image/png", "not an image".getBytes(StandardCharsets.UTF_8))), true);
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.html().select("#answer-image-error").text()).contains("“cloth.png”");
        assertThat(page.html().select("textarea#answer-body").text()).isEqualTo("Use a soft cloth.");
    }

    @Test
    void anOutsideImageShowsAsALinkInNewPostsAndInPostsSavedBeforeOnceTownhallRestarts() {
        long questionId = community.ask(member, "Is this wiring diagram of the amplifier right?",
                "Here it is: ![wiring diagram](https://elsewhere.example/diagram.png)", "amplifier");
        Document page = server.newClient().page("/q/" + questionId);
        assertThat(page.select(".post-body img")).isEmpty();
        assertThat(page.select(".post-body a.external-image").attr("href")).isEqualTo("https://elsewhere.example/diagram.png");
        assertThat(page.select(".post-body a.external-image").text()).isEqualTo("wiring diagram");

        // a post saved before the change, as it was stored then
        var sql = server.components().database.dsl();
        sql.update(townhall.db.schema.Tables.POSTS).set(townhall.db.schema.Tables.POSTS.BODY_HTML,
                        "<p>Old: <img src=\"https://elsewhere.example/old.png\" alt=\"old diagram\" /></p>")
                .where(townhall.db.schema.Tables.POSTS.ID.eq(questionId)).execute();
        sql.deleteFrom(townhall.db.schema.Tables.SITE_SETTINGS)
                .where(townhall.db.schema.Tables.SITE_SETTINGS.NAME.eq("outside_images_are_links")).execute();
        server.restart();
        // rewritten in the background after the start, so a start never waits for a scan of every post
        townhall.support.Eventually.await(() -> server.components().database.dsl()
                .fetchExists(townhall.db.schema.Tables.SITE_SETTINGS,
                        townhall.db.schema.Tables.SITE_SETTINGS.NAME.eq("outside_images_are_links")));
        Document after = server.newClient().page("/q/" + questionId);
        assertThat(after.select(".post-body img")).isEmpty();
        assertThat(after.select(".post-body a.external-image").attr("href")).isEqualTo("https://elsewhere.example/old.png");
        assertThat(after.select(".post-body a.external-image").text()).isEqualTo("old diagram");
        member = community.member("photographer"); // the restart signed nobody out, but keep a fresh client
    }

    @Test
    void visitorsCannotUploadAndUnknownFilesAreNotFound() {
        int rows = uploadRows();
        WebClient visitor = server.newClient();
        assertThat(upload(visitor, "a.png", "image/png", ExifJpeg.image("png", 10, 10)).status()).isEqualTo(303);
        assertThat(uploadRows()).isEqualTo(rows);
        assertThat(visitor.get("/uploads/" + "0".repeat(64) + ".png").status()).isEqualTo(404);
        assertThat(visitor.get("/uploads/..%2F..%2Fpom.xml").status()).isEqualTo(404);
    }
}
