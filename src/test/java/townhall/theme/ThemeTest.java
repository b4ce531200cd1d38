package townhall.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** A brand theme overrides templates, static files and design tokens of its parent; the rest falls back. */
class ThemeTest {
    static final Path THEMES = createThemes();

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.THEMES_DIR, THEMES.toString())
            .with(Setting.THEME, "acme");

    private static Path createThemes() {
        Path themes = TestThemes.folder("ThemeTest");
        TestThemes.write(themes.resolve("acme/theme.properties"), """
                name=Acme
                parent=default
                scheme=light
                logo=img/acme-logo.svg
                color.primary=#7a1f3d
                radius=0
                font.heading=Georgia, serif
                """);
        // one template of the default theme replaced...
        TestThemes.write(themes.resolve("acme/templates/_footer.peb"),
                "<footer class=\"site-footer acme-footer\"><p>Acme footer for {{ siteName }}</p>"
                        + "<a href=\"{{ url('/guidelines') }}\">Rules</a></footer>\n");
        // ...and one static file; a new one added
        TestThemes.write(themes.resolve("acme/static/css/theme.css"), ".site-header { border-bottom-width: 4px; }\n");
        TestThemes.write(themes.resolve("acme/static/img/acme-logo.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>");
        return themes;
    }

    private static String stylesheet(WebClient browser, Document page, String hrefPart) {
        String href = page.select("link[rel=stylesheet]").eachAttr("href").stream()
                .filter(h -> h.contains(hrefPart)).findFirst().orElseThrow();
        Response css = browser.get(href);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        return css.body();
    }

    @Test
    void aBrandThemeOverridesOneTemplateAndOneStaticFileAndInheritsTheRest() {
        WebClient browser = server.newClient();
        Document home = browser.get("/").html();
        assertThat(home.select("footer.acme-footer").text()).isEqualTo("Acme footer for Townhall Rules");
        assertThat(home.select("footer p").text()).doesNotContain("powered by Townhall");
        // inherited: the layout, the home page, the question list of the default theme
        assertThat(home.select("h1").text()).isEqualTo("How can we help?");
        assertThat(home.select("nav.nav-wide a")).hasSize(7);
        assertThat(browser.get("/signin").html().select("form[action=/signin]")).hasSize(1);

        assertThat(stylesheet(browser, home, "/css/theme.")).contains("border-bottom-width: 4px");
        assertThat(stylesheet(browser, home, "/css/site.")).contains(".question-row");
        assertThat(browser.get(home.select("link[rel=icon]").attr("href")).body())
                .as("the default favicon is inherited").contains("<svg");

        String logo = home.select("header img.brand-logo").attr("src");
        assertThat(logo).matches("/static/img/acme-logo\\.[0-9a-f]{10}\\.svg");
        assertThat(browser.get(logo).status()).isEqualTo(200);
        assertThat(home.select("header img.brand-logo").attr("alt")).isEmpty();
        assertThat(home.select("meta[property=og:image]")).as("an SVG logo is no OpenGraph image").isEmpty();
    }

    @Test
    void designTokensOfTheThemeReachTheStylesheet() {
        WebClient browser = server.newClient();
        Document home = browser.get("/").html();
        List<String> order = home.select("link[rel=stylesheet]").eachAttr("href");
        assertThat(order.get(0)).contains("/css/site.");
        assertThat(order.get(2)).matches("/brand/tokens\\.[0-9a-f]{10}\\.css");

        Response tokens = browser.get(order.get(2));
        assertThat(tokens.header("Cache-Control")).contains("max-age=31536000");
        String css = tokens.body();
        assertThat(css).contains("--color-primary: #7a1f3d;")       // the brand theme's own token
                .contains("--radius: 0;")
                .contains("--font-heading: Georgia, serif;")
                .contains("--color-accent: #0f7b5f;")               // inherited from default
                .contains("color-scheme: light;")
                .doesNotContain("prefers-color-scheme");            // a light-only theme has no dark palette
        assertThat(css.indexOf("--color-primary:")).isEqualTo(css.lastIndexOf("--color-primary:"));
    }
}
