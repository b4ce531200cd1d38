package townhall.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** In development mode a brand theme's templates, static files and tokens are read anew without a restart. */
class DevReloadTest {
    static final Path THEMES = createThemes();

    @RegisterExtension
    static final TownhallServer server = new TownhallServer()
            .with(Setting.THEMES_DIR, THEMES.toString())
            .with(Setting.THEME, "studio")
            .with(Setting.DEV, "true");

    private static Path createThemes() {
        Path themes = TestThemes.folder("DevReloadTest");
        TestThemes.write(themes.resolve("studio/theme.properties"), "name=Studio\ncolor.primary=#123456\n");
        TestThemes.write(themes.resolve("studio/templates/_footer.peb"), "<footer><p>First footer</p></footer>\n");
        TestThemes.write(themes.resolve("studio/static/css/theme.css"), ".first { color: red; }\n");
        return themes;
    }

    private static String tokens(WebClient browser) {
        Document home = browser.get("/").html();
        String href = home.select("link[rel=stylesheet][href*=/brand/tokens.]").attr("href");
        return browser.get(href).body();
    }

    private static String themeCss(WebClient browser) {
        Document home = browser.get("/").html();
        return browser.get(home.select("link[rel=stylesheet][href*=/css/theme.]").attr("href")).body();
    }

    @Test
    void editedTemplatesStylesheetsAndTokensShowOnTheNextPage() {
        WebClient browser = server.newClient();
        assertThat(browser.get("/").html().select("footer").text()).isEqualTo("First footer");
        assertThat(themeCss(browser)).contains(".first");
        assertThat(tokens(browser)).contains("--color-primary: #123456;");

        TestThemes.write(THEMES.resolve("studio/templates/_footer.peb"), "<footer><p>Second footer</p></footer>\n");
        TestThemes.write(THEMES.resolve("studio/static/css/theme.css"), ".second { color: blue; }\n");
        TestThemes.write(THEMES.resolve("studio/theme.properties"), "name=Studio\ncolor.primary=#654321\n");
        // a template the brand theme did not override before
        TestThemes.write(THEMES.resolve("studio/templates/errors/error.peb"),
                "{% extends \"layout\" %}{% block content %}<h1>Studio lost: {{ status }}</h1>{% endblock %}");

        assertThat(browser.get("/").html().select("footer").text()).isEqualTo("Second footer");
        assertThat(themeCss(browser)).contains(".second").doesNotContain(".first");
        assertThat(tokens(browser)).contains("--color-primary: #654321;").doesNotContain("#123456");
        assertThat(browser.get("/no/such/page").html().select("h1").text()).isEqualTo("Studio lost: 404");
    }
}
