package townhall.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.FilePart;
import townhall.support.WebClient.Response;

/** Members tell who they are on their profile: a name, a few lines, a website and a picture, all shown safely. */
class ProfileSettingsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void aMemberFillsInTheirProfileAndEveryoneSeesItOnTheirPage() {
        WebClient member = community.member("ada");
        String username = community.usernameOf(member);
        Document form = member.page("/settings/profile");
        assertThat(form.select("label[for=displayName]").text()).isEqualTo("Display name (optional)");
        assertThat(form.select("form[enctype=multipart/form-data] input[name=_csrf]")).hasSize(1);

        Response saved = save(member, "Ada Lovelace", "Analyst.\nFirst programmer.", "https://example.com/ada");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/settings/profile?saved=1");
        assertThat(member.page(saved.location()).select(".notice").text()).isEqualTo("Your profile is saved.");

        Document profile = server.newClient().page("/u/" + username);
        assertThat(profile.select(".profile-header h1").text()).isEqualTo("Ada Lovelace");
        assertThat(profile.select(".profile-username").text()).isEqualTo(username);
        assertThat(profile.select(".profile-bio").first().wholeText()).isEqualTo("Analyst.\nFirst programmer.");
        assertThat(profile.select(".profile-website a").attr("href")).isEqualTo("https://example.com/ada");
        assertThat(profile.select(".profile-website a").attr("rel")).isEqualTo("nofollow ugc noopener");
        assertThat(profile.select(".profile-header img.avatar").attr("src")).startsWith("/u/" + username + "/avatar?v=");
        assertThat(profile.select(".profile-header img.avatar").hasAttr("alt")).isTrue();
        assertThat(profile.title()).contains("Ada Lovelace");
    }

    @Test
    void markupInTheNameBioAndWebsiteStaysText() {
        WebClient member = community.member("mallory");
        String username = community.usernameOf(member);
        assertThat(save(member, "<script>alert('name')</script>", "<img src=x onerror=alert(1)>\n<b>bold</b>", "")
                .status()).isEqualTo(303);
        Response scriptLink = save(member, "Mallory", "", "javascript:alert(document.cookie)");
        assertThat(scriptLink.status()).isEqualTo(422);
        Response quoted = save(member, "Mallory", "", "https://example.com/\"><script>alert(1)</script>");
        assertThat(quoted.status()).isEqualTo(422);

        Response page = server.newClient().get("/u/" + username);
        Document profile = page.html();
        assertThat(profile.select(".profile-header h1").text()).isEqualTo("<script>alert('name')</script>");
        assertThat(profile.select(".profile-bio").text()).contains("<img src=x onerror=alert(1)>", "<b>bold</b>");
        assertThat(profile.select(".profile-header script, .profile-header b, .profile-header img[onerror]")).isEmpty();
        assertThat(profile.select(".profile-website")).isEmpty();
        assertThat(page.body()).doesNotContain("<script>alert(").doesNotContain("javascript:alert");
    }

    @Test
    void aBadWebsiteIsRefusedWithAMessageTheFormKeepsWhatWasTypedAndNothingIsSaved() {
        WebClient member = community.member("grace");
        String username = community.usernameOf(member);
        save(member, "Grace", "Compilers.", "https://example.com");

        Response refused = save(member, "Grace Hopper", "Compilers and COBOL.", "ftp://example.com/files");
        assertThat(refused.status()).isEqualTo(422);
        Document form = refused.html();
        assertThat(form.select("#website-error").text())
                .isEqualTo("Give a website address that starts with http:// or https://, such as https://example.com.");
        assertThat(form.select("#website").attr("aria-invalid")).isEqualTo("true");
        assertThat(form.select(".error-summary a[href=#website]")).hasSize(1);
        assertThat(form.select("#website").val()).isEqualTo("ftp://example.com/files");
        assertThat(form.select("#displayName").val()).isEqualTo("Grace Hopper");
        assertThat(form.select("#bio").text()).isEqualTo("Compilers and COBOL.");

        Response tooLong = save(member, "G".repeat(51), "x".repeat(501), "https://example.com/" + "a".repeat(200));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.html().select("#displayName-error").text()).isEqualTo("Keep the display name to 50 characters.");
        assertThat(tooLong.html().select("#bio-error").text()).isEqualTo("Keep the text about you to 500 characters.");
        assertThat(tooLong.html().select("#website-error").text()).isEqualTo("Keep the website address to 200 characters.");

        Document profile = server.newClient().page("/u/" + username);
        assertThat(profile.select(".profile-header h1").text()).isEqualTo("Grace");
        assertThat(profile.select(".profile-bio").text()).isEqualTo("Compilers.");
        assertThat(profile.select(".profile-website a").attr("href")).isEqualTo("https://example.com");
    }

    @Test
    void anUploadThatIsNoPictureOrTooLargeIsRefusedAndNothingIsStored() {
        WebClient member = community.member("linus");
        String username = community.usernameOf(member);
        save(member, "Linus", "", "");
        String avatarBefore = avatarUrl(username);

        Response text = upload(member, "Linus T", new FilePart("me.png", "image/png",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.html().select("#avatar-error").text()).isEqualTo("This file is not a PNG, JPEG, GIF or WebP picture.");
        assertThat(text.html().select("#displayName").val()).isEqualTo("Linus T");

        byte[] huge = Arrays.copyOf(Images.encode(Images.halves(64, 64), "png"), 2 * 1024 * 1024 + 1);
        Response large = upload(member, "Linus T", new FilePart("big.png", "image/png", huge));
        assertThat(large.status()).isEqualTo(422);
        assertThat(large.html().select("#avatar-error").text()).isEqualTo("The picture is larger than 2 MB. Choose a smaller one.");

        byte[] broken = Arrays.copyOf(Images.encode(Images.halves(64, 64), "png"), 40);
        Response damaged = upload(member, "Linus T", new FilePart("broken.png", "image/png", broken));
        assertThat(damaged.status()).isEqualTo(422);
        assertThat(damaged.html().select("#avatar-error").text()).startsWith("This picture cannot be read");

        assertThat(avatarUrl(username)).isEqualTo(avatarBefore);
        assertThat(server.newClient().page("/u/" + username).select(".profile-header h1").text()).isEqualTo("Linus");
        assertThat(server.newClient().getBytes(avatarBefore).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("image/svg+xml");
    }

    @Test
    void aPngIsCutToASquareOf256PixelsAroundItsCentre() {
        WebClient member = community.member("painter");
        String username = community.usernameOf(member);
        // 800x400: the centre square has red on its left half and blue on its right
        Response uploaded = upload(member, "Painter", new FilePart("wide.png", "image/png",
                Images.encode(Images.halves(800, 400), "png")));
        assertThat(uploaded.status()).isEqualTo(303);

        HttpResponse<byte[]> avatar = server.newClient().getBytes(avatarUrl(username));
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        BufferedImage image = Images.decode(avatar.body());
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
        assertThat(image.getRGB(20, 128) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(235, 128) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void aPhotosExifIsGoneFromTheAvatar() {
        WebClient member = community.member("traveller");
        String username = community.usernameOf(member);
        byte[] photo = Images.jpegWithExif(Images.halves(640, 480));
        assertThat(Images.contains(photo, "Exif")).isTrue();
        assertThat(Images.contains(photo, Images.EXIF_SECRET)).isTrue();
        assertThat(Images.decode(photo).getWidth()).isEqualTo(640); // a valid JPEG despite the hand-made segment

        assertThat(upload(member, "", new FilePart("IMG_0001.JPG", "image/jpeg", photo)).status()).isEqualTo(303);

        byte[] avatar = server.newClient().getBytes(avatarUrl(username)).body();
        assertThat(Arrays.copyOf(avatar, 4)).containsExactly(0x89, 'P', 'N', 'G');
        BufferedImage image = Images.decode(avatar);
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
        assertThat(Images.contains(avatar, "Exif")).isFalse();
        assertThat(Images.contains(avatar, "eXIf")).isFalse();
        assertThat(Images.contains(avatar, "GPS")).isFalse();
    }

    @Test
    void aWebpPictureBecomesAPngToo() {
        WebClient member = community.member("modern");
        String username = community.usernameOf(member);
        assertThat(upload(member, "", new FilePart("tiny.webp", "image/webp", Images.ONE_PIXEL_WEBP)).status())
                .isEqualTo(303);
        HttpResponse<byte[]> avatar = server.newClient().getBytes(avatarUrl(username));
        assertThat(avatar.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(Images.decode(avatar.body()).getWidth()).isEqualTo(256);
    }

    @Test
    void aNewPictureGetsANewAddressAndRemovingItBringsBackTheGeneratedOne() {
        WebClient member = community.member("changer");
        String username = community.usernameOf(member);
        String generated = avatarUrl(username);
        upload(member, "Changer", new FilePart("a.gif", "image/gif", Images.encode(Images.halves(300, 300), "gif")));
        String first = avatarUrl(username);
        assertThat(first).isNotEqualTo(generated);
        HttpResponse<byte[]> served = server.newClient().getBytes(first);
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000");
        String etag = served.headers().firstValue("ETag").orElseThrow();
        assertThat(server.newClient().get(first.substring(0, first.indexOf('?')), Map.of("If-None-Match", etag)).status())
                .isEqualTo(304);

        Response removed = member.postMultipart("/settings/profile",
                Map.of("displayName", "Changer", "bio", "", "website", "", "removeAvatar", "1"), Map.of(), true);
        assertThat(removed.status()).isEqualTo(303);
        String after = avatarUrl(username);
        assertThat(after).isNotEqualTo(first);
        assertThat(server.newClient().getBytes(after).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("image/svg+xml");
    }

    @Test
    void withoutAPictureTheAvatarIsTheInitialOnTheMembersOwnColour() {
        WebClient member = community.member("zed");
        String username = community.usernameOf(member);
        HttpResponse<byte[]> plain = server.newClient().getBytes("/u/" + username + "/avatar");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(plain.headers().firstValue("ETag")).isPresent();
        String svg = new String(plain.body(), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains(">Z</text>");
        assertThat(new String(server.newClient().getBytes("/u/" + username + "/avatar").body(), StandardCharsets.UTF_8))
                .isEqualTo(svg);

        save(member, "émile", "", "");
        assertThat(new String(server.newClient().getBytes(avatarUrl(username)).body(), StandardCharsets.UTF_8))
                .contains(">É</text>");
        save(member, "<b>old</b>", "", "");
        String escaped = new String(server.newClient().getBytes(avatarUrl(username)).body(), StandardCharsets.UTF_8);
        assertThat(escaped).contains(">&lt;</text>").doesNotContain("<b>");
        assertThat(server.newClient().get("/u/nobody-here/avatar").status()).isEqualTo(404);
    }

    @Test
    void profileSettingsNeedASignedInMemberAndTheirToken() {
        WebClient visitor = server.newClient();
        assertThat(visitor.get("/settings/profile").status()).isEqualTo(303);
        assertThat(visitor.get("/settings/profile").location()).startsWith("/signin");

        WebClient member = community.member("careful");
        String username = community.usernameOf(member);
        save(member, "Careful", "", "");
        assertThat(member.postRaw("/settings/profile", Map.of("displayName", "Forged", "bio", "", "website", ""))
                .status()).isEqualTo(403);
        assertThat(member.postMultipart("/settings/profile", Map.of("displayName", "Forged"), Map.of(), false)
                .status()).isEqualTo(403);
        assertThat(server.newClient().page("/u/" + username).select(".profile-header h1").text()).isEqualTo("Careful");
    }

    private static Response save(WebClient member, String displayName, String bio, String website) {
        return member.postMultipart("/settings/profile",
                Map.of("displayName", displayName, "bio", bio, "website", website), Map.of(), true);
    }

    private static Response upload(WebClient member, String displayName, FilePart picture) {
        return member.postMultipart("/settings/profile", Map.of("displayName", displayName, "bio", "", "website", ""),
                Map.of("avatar", picture), true);
    }

    /** The avatar's address as the profile page shows it. */
    private static String avatarUrl(String username) {
        return server.newClient().page("/u/" + username).select(".profile-header img.avatar").attr("src");
    }
}
