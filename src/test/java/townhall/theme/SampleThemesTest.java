package townhall.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.brand.Contrast;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The themes that ship with Townhall restyle the whole site, and every text in them is readable. */
class SampleThemesTest {
    @RegisterExtension
    static final TownhallServer corporate = new TownhallServer().with(Setting.THEME, "corporate");

    @RegisterExtension
    static final TownhallServer midnight = new TownhallServer().with(Setting.THEME, "midnight");

    private static String tokens(WebClient browser, Document page) {
        return browser.get(page.select("link[rel=stylesheet][href*=/brand/tokens.]").attr("href")).body();
    }

    @Test
    void corporateHasItsLogoFooterAndPalette() {
        WebClient browser = corporate.newClient();
        Document home = browser.get("/").html();
        assertThat(home.select("header img.brand-logo").attr("src")).matches("/static/img/logo\\.[0-9a-f]{10}\\.svg");
        assertThat(home.select("footer.corporate-footer h2").eachText()).contains("Townhall community", "About");
        assertThat(home.select("footer a[href=/guidelines]")).hasSize(1);
        String css = tokens(browser, home);
        assertThat(css).contains("color-scheme: light;").contains("--color-primary: #1d3557;")
                .contains("--radius: 2px;").contains("--font-heading: Georgia").doesNotContain("prefers-color-scheme");
        assertThat(browser.get(home.select("link[rel=stylesheet][href*=/css/theme.]").attr("href")).body())
                .contains(".corporate-footer");
        // everything else still comes from the default theme
        assertThat(browser.get("/questions").html().select(".list-controls")).isNotEmpty();
    }

    @Test
    void midnightIsDarkForEveryone() {
        WebClient browser = midnight.newClient();
        Document home = browser.get("/").html();
        String css = tokens(browser, home);
        assertThat(css).contains("color-scheme: dark;").contains("--color-bg: #0b1020;").doesNotContain("@media");
        assertThat(home.select("footer a[href=/guidelines]")).hasSize(1);
        assertThat(browser.get(home.select("link[rel=icon]").attr("href")).body()).contains("#8ab4ff");
    }

    /** Pairs of tokens where the first is text (or a mark) shown on the second. */
    private static final String[][] PAIRS = {
            {"color.text", "color.bg"}, {"color.text", "color.surface"},
            {"color.muted", "color.bg"}, {"color.muted", "color.surface"},
            {"color.primary", "color.bg"}, {"color.primary", "color.surface"},
            {"color.primary-text", "color.primary"},
            {"color.accent", "color.bg"}, {"color.accent", "color.surface"},
            {"color.accent-text", "color.accent"},
            {"color.danger", "color.bg"}, {"color.danger", "color.surface"},
            {"color.header-text", "color.header-bg"},
            {"color.text", "color.notice-bg"}};

    @Test
    void everyShippedPaletteMeetsWcagAaContrast() {
        List<String> failures = new ArrayList<>();
        for (String name : List.of("default", "corporate", "midnight")) {
            Theme theme = Theme.load(Path.of("themes"), name);
            List<String> palettes = new ArrayList<>(List.of(""));
            if (ThemeTokens.scheme(theme).equals("light dark")) {
                palettes.add("dark.");
            }
            for (String palette : palettes) {
                for (String[] pair : PAIRS) {
                    String foreground = token(theme, palette, pair[0]);
                    String background = token(theme, palette, pair[1]);
                    double ratio = Contrast.ratio(foreground, background);
                    if (ratio < Contrast.AA_TEXT) {
                        failures.add(name + " " + palette + pair[0] + " " + foreground + " on " + pair[1] + " "
                                + background + ": " + Contrast.format(ratio));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String token(Theme theme, String palette, String key) {
        String value = theme.property(palette + key, theme.property(key, null));
        assertThat(value).as(theme.name() + " " + palette + key).isNotNull();
        return value;
    }
}
