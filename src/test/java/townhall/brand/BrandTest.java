package townhall.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.FilePart;
import townhall.support.WebClient.Response;

/** An administrator brands the site in the browser; everyone sees it on the next page. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class BrandTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.BASE_URL, "http://community.brand.example");
    static Community community;
    static WebClient admin;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("brandadmin");
    }

    /** The settings form as the admin page fills it, as a browser would send it back. */
    private static Map<String, String> currentForm(WebClient browser) {
        Document page = browser.get("/admin/brand").html();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : page.select("form.brand-form input[name], form.brand-form textarea[name]")) {
            String type = input.attr("type");
            if (type.equals("file") || type.equals("hidden") || type.equals("checkbox")) {
                continue;
            }
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        return fields;
    }

    private static Response save(Map<String, String> changes) {
        return save(changes, Map.of());
    }

    private static Response save(Map<String, String> changes, Map<String, FilePart> files) {
        Map<String, String> form = currentForm(admin);
        form.putAll(changes);
        return admin.postMultipart("/admin/brand", form, files, true);
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(0x1d3557));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String siteNameOnHome() {
        return server.newClient().get("/").html().select("header .brand-name").text();
    }

    @Test
    void a_anAdministratorsSettingsShowOnTheNextPageForEveryone() {
        assertThat(admin.get("/").html().select("header a[href=/admin/brand]").text()).isEqualTo("Brand");
        Response saved = save(Map.of("siteName", "Northwind Audio", "tagline", "Answers from people who listen",
                "primaryColor", "#1D3557", "accentColor", "#0b6e4f"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo("/admin/brand?saved=1");
        assertThat(admin.get(saved.location()).html().select("[role=status]").text()).startsWith("Saved.");

        WebClient visitor = server.newClient();
        Document home = visitor.get("/").html();
        assertThat(home.select("header .brand-name").text()).isEqualTo("Northwind Audio");
        assertThat(home.select("header .tagline").text()).isEqualTo("Answers from people who listen");
        assertThat(home.title()).isEqualTo("Northwind Audio community");
        assertThat(home.select("meta[property=og:site_name]").attr("content")).isEqualTo("Northwind Audio");
        String tokens = visitor.get(home.select("link[rel=stylesheet][href*=/brand/tokens.]").attr("href")).body();
        assertThat(tokens).contains("--color-primary: #1d3557;").contains("--color-accent: #0b6e4f;");
        assertThat(visitor.get("/questions").html().title()).endsWith("· Northwind Audio");

        // the admin page shows what is saved
        Map<String, String> form = currentForm(admin);
        assertThat(form).containsEntry("siteName", "Northwind Audio").containsEntry("primaryColor", "#1d3557");
    }

    @Test
    void b_aMemberCannotChangeTheBrandAndAVisitorIsSentToSignIn() {
        String before = siteNameOnHome();
        WebClient member = community.member("member");
        assertThat(member.get("/").html().select("a[href=/admin/brand]")).isEmpty();
        assertThat(member.get("/admin/brand").status()).isEqualTo(403);
        Response refused = member.postMultipart("/admin/brand", Map.of("siteName", "Hijacked", "tagline", "pwned"),
                Map.of(), true);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().select("h1").text()).isEqualTo("You cannot do that");
        assertThat(siteNameOnHome()).isEqualTo(before).isNotEqualTo("Hijacked");

        WebClient visitor = server.newClient();
        assertThat(visitor.get("/admin/brand").location()).isEqualTo("/signin?next=%2Fadmin%2Fbrand");
        assertThat(visitor.postMultipart("/admin/brand", Map.of("siteName", "Hijacked"), Map.of(), true).status())
                .isEqualTo(303);
        assertThat(siteNameOnHome()).isEqualTo(before);
    }

    @Test
    void c_aMultipartFormWithoutTheCsrfTokenIsRefused() {
        String before = siteNameOnHome();
        Map<String, String> form = currentForm(admin);
        form.put("siteName", "Forged");
        Response forged = admin.postMultipart("/admin/brand", form, Map.of(), false);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(siteNameOnHome()).isEqualTo(before);
    }

    @Test
    void d_aColourWithPoorContrastIsRefusedWithTheRatioAndTheFormKeepsWhatWasTyped() {
        String before = siteNameOnHome();
        Response refused = save(Map.of("siteName", "Pale Audio", "primaryColor", "#7fb3ff"));
        assertThat(refused.status()).isEqualTo(422);
        Document page = refused.html();
        String message = page.select("#primaryColor-error").text();
        assertThat(message).contains("#7fb3ff").contains("white text")
                .contains(Contrast.format(Contrast.ratio("#7fb3ff", "#ffffff"))).contains("4.5:1").contains("darker");
        assertThat(page.select(".error-summary").text()).startsWith("Nothing was saved.").contains(message);
        assertThat(page.select("#primaryColor").val()).isEqualTo("#7fb3ff");
        assertThat(page.select("#primaryColor").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#siteName").val()).isEqualTo("Pale Audio");
        assertThat(siteNameOnHome()).isEqualTo(before);

        // dark enough for white text, yet too light as link text on the page background
        Response asText = save(Map.of("accentColor", "#767676"));
        assertThat(asText.status()).isEqualTo(422);
        assertThat(asText.html().select("#accentColor-error").text()).contains("page background (#f7f8fa)")
                .contains(Contrast.format(Contrast.ratio("#767676", "#f7f8fa")));

        Response notAColour = save(Map.of("primaryColor", "blue"));
        assertThat(notAColour.html().select("#primaryColor-error").text()).contains("hex colour such as #1d3557");
    }

    @Test
    void e_uploadsOfTheWrongTypeOrTooLargeAreRefused() {
        Document before = server.newClient().get("/").html();
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"9\" height=\"9\"/></svg>";
        Response svgLogo = save(Map.of(), Map.of("logo", new FilePart("logo.svg", "image/svg+xml", svg.getBytes())));
        assertThat(svgLogo.status()).isEqualTo(422);
        assertThat(svgLogo.html().select("#logo-error").text()).contains("PNG, JPEG or WebP").contains("SVG");

        Response disguised = save(Map.of(), Map.of("logo",
                new FilePart("logo.png", "image/png", "GIF89a this is no png".getBytes())));
        assertThat(disguised.status()).isEqualTo(422);
        assertThat(disguised.html().select("#logo-error").text()).contains("must be a PNG, JPEG or WebP image");

        byte[] big = Arrays.copyOf(png(4, 4), 600 * 1024);
        Response tooLarge = save(Map.of(), Map.of("logo", new FilePart("big.png", "image/png", big)));
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.html().select("#logo-error").text()).contains("larger than 512 KB");

        byte[] bigIcon = Arrays.copyOf(png(4, 4), 70 * 1024);
        Response iconTooLarge = save(Map.of(), Map.of("favicon", new FilePart("icon.png", "image/png", bigIcon)));
        assertThat(iconTooLarge.status()).isEqualTo(422);
        assertThat(iconTooLarge.html().select("#favicon-error").text()).contains("larger than 64 KB");

        byte[] huge = Arrays.copyOf(png(4, 4), 11 * 1024 * 1024);
        Response beyondTheServer = save(Map.of(), Map.of("logo", new FilePart("huge.png", "image/png", huge)));
        assertThat(beyondTheServer.status()).isEqualTo(413);
        assertThat(beyondTheServer.html().select("main").text()).contains("larger than this site accepts (10 MB)");

        Document after = server.newClient().get("/").html();
        assertThat(after.select("header img.brand-logo")).isEmpty();
        assertThat(after.select("link[rel=icon]").attr("href")).isEqualTo(before.select("link[rel=icon]").attr("href"));
    }

    @Test
    void f_aValidPngLogoAndFaviconAreServedWithLongCacheHeadersAndShowInTheHeader() {
        byte[] logo = png(120, 32);
        byte[] icon = png(32, 32);
        Response saved = save(Map.of(), Map.of("logo", new FilePart("logo.png", "application/octet-stream", logo),
                "favicon", new FilePart("favicon.png", "image/png", icon)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);

        WebClient visitor = server.newClient();
        Document home = visitor.get("/").html();
        Element img = home.select("header a.brand img.brand-logo").first();
        assertThat(img).isNotNull();
        assertThat(img.attr("src")).matches("/brand/files/[0-9a-f]{64}\\.png");
        assertThat(home.select("header a.brand").text()).isEqualTo(siteNameOnHome());
        HttpResponse<byte[]> served = visitor.getBytes(img.attr("src"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=31536000").contains("immutable");
        assertThat(served.body()).isEqualTo(logo);
        assertThat(home.select("meta[property=og:image]").attr("content"))
                .isEqualTo("http://community.brand.example" + img.attr("src"));

        Element favicon = home.select("link[rel=icon]").first();
        assertThat(favicon.attr("type")).isEqualTo("image/png");
        assertThat(visitor.getBytes(favicon.attr("href")).body()).isEqualTo(icon);
        assertThat(visitor.get("/brand/files/" + "0".repeat(64) + ".png").status()).isEqualTo(404);

        // saving again without choosing files keeps them; ticking "remove" takes the logo away
        assertThat(save(Map.of("tagline", "Still with a logo")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/").html().select("header img.brand-logo").attr("src")).isEqualTo(img.attr("src"));
        Map<String, String> remove = new LinkedHashMap<>(currentForm(admin));
        remove.put("removeLogo", "1");
        assertThat(admin.postMultipart("/admin/brand", remove, Map.of(), true).status()).isEqualTo(303);
        assertThat(server.newClient().get("/").html().select("header img.brand-logo")).isEmpty();
    }

    @Test
    void g_extraCssIsServedAsItsOwnStylesheetAndNeverInline() {
        Response saved = save(Map.of("extraCss", ".brand-name { letter-spacing: 0.05em; }"));
        assertThat(saved.status()).isEqualTo(303);
        WebClient visitor = server.newClient();
        Document home = visitor.get("/").html();
        var stylesheets = home.select("link[rel=stylesheet]").eachAttr("href");
        String custom = stylesheets.getLast();
        assertThat(custom).matches("/brand/custom\\.[0-9a-f]{10}\\.css");
        Response css = visitor.get(custom);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("Cache-Control")).contains("immutable");
        assertThat(css.body()).isEqualTo(".brand-name { letter-spacing: 0.05em; }");
        assertThat(home.select("style")).isEmpty();
        assertThat(home.select("[style]")).isEmpty();

        Response tooBig = save(Map.of("extraCss", "a { color: red; }\n".repeat(2000)));
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.html().select("#extraCss-error").text()).contains("at most 32 KB");
        assertThat(visitor.get("/").html().select("link[rel=stylesheet]").eachAttr("href")).contains(custom);

        assertThat(save(Map.of("extraCss", "")).status()).isEqualTo(303);
        assertThat(visitor.get("/").html().select("link[href*=/brand/custom.]")).isEmpty();
        assertThat(visitor.get(custom).status()).isEqualTo(404);
    }

    @Test
    void h_theGuidelinesRenderMarkdownSafelyAndAreLinkedFromTheFooterAndTheAskPage() {
        WebClient visitor = server.newClient();
        Document defaults = visitor.get("/guidelines").html();
        assertThat(defaults.select("main h1").text()).isEqualTo("Community guidelines");
        assertThat(defaults.select("main article li").text()).contains("Search first.");

        String guidelines = """
                ## Be kind

                Read [our policy](https://brand.example/policy) first.

                <script>alert(1)</script>
                <img src=x onerror=alert(1)>
                [click](javascript:alert(1))
                """;
        assertThat(save(Map.of("guidelines", guidelines)).status()).isEqualTo(303);
        Document page = visitor.get("/guidelines").html();
        assertThat(page.title()).startsWith("Community guidelines ·");
        Element article = page.select("main article.guidelines").first();
        assertThat(article.select("h2").text()).isEqualTo("Be kind");
        assertThat(article.select("a[href=https://brand.example/policy]").text()).isEqualTo("our policy");
        assertThat(page.select("script:not([src]):not([type=application/ld+json])")).isEmpty();
        assertThat(article.select("script, img[onerror], [onerror]")).isEmpty();
        assertThat(article.select("a[href^=javascript]")).isEmpty();
        assertThat(article.text()).contains("<script>alert(1)</script>");

        assertThat(visitor.get("/").html().select("footer a[href=/guidelines]").text()).isEqualTo("Community guidelines");
        WebClient asker = community.member("asker");
        assertThat(asker.get("/ask").html().select("main .guidelines-link a[href=/guidelines]")).hasSize(1);
    }

    @Test
    void i_theWelcomeTextAndFooterLinksAreTheAdministrators() {
        Response saved = save(Map.of("welcome", "Questions about **Northwind** gear, answered by owners and staff.",
                "footerLinks", "Privacy | https://brand.example/privacy\nAll questions | /questions\n"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        Document home = server.newClient().get("/").html();
        assertThat(home.select(".hero .welcome strong").text()).isEqualTo("Northwind");
        assertThat(home.select("footer a[href=https://brand.example/privacy]").text()).isEqualTo("Privacy");
        assertThat(home.select("footer a[href=/questions]").text()).isEqualTo("All questions");

        Response bad = save(Map.of("footerLinks", "Fine | /tags\nEvil | javascript:alert(1)"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.html().select("#footerLinks-error").text()).startsWith("Footer links, line 2:");
        assertThat(bad.html().select("#footerLinks").text()).contains("Evil | javascript:alert(1)");
        assertThat(server.newClient().get("/").html().select("footer a[href=/tags]")).isEmpty();
    }

    @Test
    void y_aHomePagePictureShowsAboveTheSearchBoxAndCanBeRemoved() {
        Response wrong = save(Map.of(), Map.of("hero", new FilePart("hero.png", "image/png", "not a picture".getBytes())));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().select("#hero-error").text()).startsWith("The picture must be a PNG, JPEG or WebP image");
        assertThat(server.newClient().get("/").html().select(".hero-image")).isEmpty();

        assertThat(save(Map.of(), Map.of("hero", new FilePart("hero.png", "image/png", png(1200, 300)))).status())
                .isEqualTo(303);
        WebClient visitor = server.newClient();
        String picture = visitor.get("/").html().select(".help-hero img.hero-image").attr("src");
        assertThat(picture).matches("/brand/files/[0-9a-f]{64}\\.png");
        assertThat(visitor.get(picture).status()).isEqualTo(200);

        assertThat(save(Map.of("removeHero", "1")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/").html().select(".hero-image")).isEmpty();
    }

    @Test
    void z_aSiteNamedSomethingCommunityIsNotCalledACommunityCommunity() {
        assertThat(save(Map.of("siteName", "Northwind Community")).status()).isEqualTo(303);
        Document home = server.newClient().get("/").html();
        assertThat(home.title()).isEqualTo("Northwind Community");
        assertThat(home.select("footer").text()).contains("Northwind Community").doesNotContainIgnoringCase("community community");
        assertThat(save(Map.of("siteName", "Сообщество Northwind")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/").html().title()).isEqualTo("Сообщество Northwind");
        assertThat(save(Map.of("siteName", "Northwind Audio")).status()).isEqualTo(303);
        assertThat(server.newClient().get("/").html().title()).isEqualTo("Northwind Audio community");
    }
}
