package townhall.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * An administrator switches the site's theme in the browser; the next page for everyone is in the new theme.
 * {@code TOWNHALL_THEME} (midnight here) is the theme until one is chosen, and again when the choice is undone.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ThemeSwitchTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer().with(Setting.THEME, "midnight");
    static Community community;
    static WebClient admin;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("themeadmin");
    }

    /** The settings form as the admin page fills it, as a browser would send it back. */
    private static Map<String, String> currentForm() {
        Document page = admin.get("/admin/brand").html();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : page.select("form.brand-form input[name], form.brand-form textarea[name]")) {
            String type = input.attr("type");
            if (!type.equals("file") && !type.equals("hidden") && !type.equals("checkbox")) {
                fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
            }
        }
        fields.put("theme", page.select("select#theme option[selected]").val());
        return fields;
    }

    private static Response save(Map<String, String> changes) {
        Map<String, String> form = currentForm();
        form.putAll(changes);
        return admin.postMultipart("/admin/brand", form, Map.of(), true);
    }

    /** What a visitor's home page is made of: the stylesheets' texts, the logo, the footer. */
    private record Home(Document page, String themeCss, String tokens) {
        String logo() { return page.select("header img.brand-logo").attr("src"); }
        String themeCssHref() { return page.select("link[rel=stylesheet][href*=/css/theme.]").attr("href"); }
    }

    private static Home home() {
        WebClient visitor = server.newClient();
        Document page = visitor.get("/").html();
        String themeCss = visitor.get(page.select("link[rel=stylesheet][href*=/css/theme.]").attr("href")).body();
        String tokens = visitor.get(page.select("link[rel=stylesheet][href*=/brand/tokens.]").attr("href")).body();
        return new Home(page, themeCss, tokens);
    }

    @Test
    void a_anAdministratorSwitchesToCorporateAndTheNextPageIsCorporate() {
        Home before = home();
        assertThat(before.tokens()).contains("color-scheme: dark;").contains("--color-bg: #0b1020;");
        assertThat(before.page().select("footer.corporate-footer")).isEmpty();

        Document page = admin.get("/admin/brand").html();
        assertThat(page.select("main p.muted strong").text()).isEqualTo("Midnight");
        assertThat(page.select("label[for=theme]").text()).isEqualTo("Active theme");
        assertThat(page.select("select#theme option").eachAttr("value")).containsExactly("", "default", "corporate",
                "midnight");
        assertThat(page.select("select#theme option").eachText()).containsExactly(
                "As configured on the server (Midnight)", "Townhall default", "Corporate", "Midnight");
        assertThat(page.select("select#theme option[selected]").val()).isEmpty();

        Response saved = save(Map.of("theme", "corporate"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);

        Home after = home();
        assertThat(after.logo()).matches("/static/img/logo\\.[0-9a-f]{10}\\.svg");
        assertThat(server.newClient().get(after.logo()).body()).contains("<svg");
        assertThat(after.page().select("footer.corporate-footer h2").eachText()).contains("About");
        assertThat(after.themeCss()).contains(".corporate-footer");
        assertThat(after.tokens()).contains("color-scheme: light;").contains("--color-primary: #1d3557;")
                .contains("--font-heading: Georgia");
        assertThat(after.page().select("link[rel=icon]").attr("href")).isNotEqualTo(
                before.page().select("link[rel=icon]").attr("href"));
        // a page shown just before the switch still gets the midnight stylesheet it names, cached for a year
        Response oldCss = server.newClient().get(before.themeCssHref());
        assertThat(oldCss.status()).isEqualTo(200);
        assertThat(oldCss.body()).isEqualTo(before.themeCss());
        assertThat(oldCss.header("Cache-Control")).contains("immutable");

        Document adminPage = admin.get("/admin/brand").html();
        assertThat(adminPage.select("main p.muted strong").text()).isEqualTo("Corporate");
        assertThat(adminPage.select("select#theme option[selected]").val()).isEqualTo("corporate");
        assertThat(server.components().database.dsl().fetchValue(
                "select value from brand_settings where name = 'theme'")).isEqualTo("corporate");
    }

    @Test
    void b_aMemberCannotSwitchTheTheme() {
        WebClient member = community.member("member");
        assertThat(member.get("/admin/brand").status()).isEqualTo(403);
        Response refused = member.postMultipart("/admin/brand", Map.of("theme", "default"), Map.of(), true);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(home().page().select("footer.corporate-footer")).isNotEmpty();
        assertThat(server.newClient().postMultipart("/admin/brand", Map.of("theme", "default"), Map.of(), true)
                .location()).startsWith("/signin");
        assertThat(home().page().select("footer.corporate-footer")).isNotEmpty();
    }

    @Test
    void c_anUnknownThemeIsRefusedAndTheFormKeepsWhatWasTyped() {
        for (String unknown : new String[] {"neon", "../themes/default", "corporate/../midnight"}) {
            Response refused = save(Map.of("theme", unknown, "siteName", "Neon Audio"));
            assertThat(refused.status()).isEqualTo(422);
            Document page = refused.html();
            assertThat(page.select("#theme-error").text())
                    .isEqualTo("There is no theme “" + unknown + "” in the themes folder. Choose one from the list.");
            assertThat(page.select(".error-summary").text()).startsWith("Nothing was saved.")
                    .contains(page.select("#theme-error").text());
            assertThat(page.select("#theme").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.select("select#theme option[selected]").val()).isEqualTo(unknown);
            assertThat(page.select("#siteName").val()).isEqualTo("Neon Audio");
        }
        Home home = home();
        assertThat(home.page().select("header .brand-name").text()).isEqualTo("Townhall");
        assertThat(home.page().select("footer.corporate-footer")).isNotEmpty();
        assertThat(server.components().database.dsl().fetchValue(
                "select value from brand_settings where name = 'theme'")).isEqualTo("corporate");
    }

    @Test
    void d_brandColoursAreCheckedAgainstTheChosenThemeAndShownOnIt() {
        // fine with corporate's white button text, but midnight puts dark text on its primary colour
        Response refused = save(Map.of("theme", "midnight", "primaryColor", "#0b4f6c"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#primaryColor-error").text()).contains("#0b4f6c").contains("4.5:1");
        assertThat(refused.html().select("select#theme option[selected]").val()).isEqualTo("midnight");
        assertThat(home().page().select("footer.corporate-footer")).isNotEmpty();

        assertThat(save(Map.of("theme", "default", "primaryColor", "#0b4f6c")).status()).isEqualTo(303);
        Home home = home();
        assertThat(home.page().select("footer.corporate-footer")).isEmpty();
        assertThat(home.page().select("header img.brand-logo")).isEmpty();
        assertThat(home.tokens()).contains("--color-primary: #0b4f6c;").contains("prefers-color-scheme: dark")
                .contains("--color-bg: #f7f8fa;");
    }

    @Test
    void e_undoingTheChoiceGoesBackToTheConfiguredTheme() {
        assertThat(save(Map.of("theme", "", "primaryColor", "")).status()).isEqualTo(303);
        Home home = home();
        assertThat(home.tokens()).contains("color-scheme: dark;").contains("--color-bg: #0b1020;")
                .contains("--color-primary: #8ab4ff;");
        assertThat(server.components().database.dsl().fetchValue(
                "select count(*) from brand_settings where name = 'theme'")).isEqualTo(0L);
        assertThat(admin.get("/admin/brand").html().select("select#theme option[selected]").val()).isEmpty();
    }

    @Test
    void f_aFormWithoutTheThemeFieldLeavesTheThemeAlone() {
        assertThat(save(Map.of("theme", "corporate")).status()).isEqualTo(303);
        Map<String, String> form = currentForm();
        form.remove("theme");
        form.put("tagline", "Still corporate");
        assertThat(admin.postMultipart("/admin/brand", form, Map.of(), true).status()).isEqualTo(303);
        Home home = home();
        assertThat(home.page().select("header .tagline").text()).isEqualTo("Still corporate");
        assertThat(home.page().select("footer.corporate-footer")).isNotEmpty();
    }

    @Test
    void g_theBrandPageSpeaksTheAdministratorsLanguage() {
        WebClient czech = server.newClient();
        assertThat(czech.signIn(community.usernameOf(admin), "a long enough password").status()).isEqualTo(303);
        assertThat(czech.post("/language", Map.of("language", "cs", "next", "/")).status()).isEqualTo(303);
        try {
            Document page = czech.get("/admin/brand").html();
            assertThat(page.select("main h1").text()).isEqualTo("Nastavení značky");
            assertThat(page.title()).startsWith("Nastavení značky");
            assertThat(page.select("label[for=theme]").text()).isEqualTo("Aktivní motiv");
            assertThat(page.select("select#theme option").first().text())
                    .isEqualTo("Podle nastavení serveru (Midnight)");
            assertThat(page.select("#siteName-hint").text()).contains("nejvýše 60 znaků");
            assertThat(page.select("form.brand-form button[type=submit]").text()).isEqualTo("Uložit nastavení značky");

            Map<String, String> form = currentForm();
            form.put("theme", "neon");
            Response refused = czech.postMultipart("/admin/brand", form, Map.of(), true);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.html().select("#theme-error").text())
                    .isEqualTo("Motiv „neon“ ve složce motivů není. Vyberte motiv ze seznamu.");
            assertThat(refused.html().select(".error-summary h2").text())
                    .isEqualTo("Nic nebylo uloženo. Opravte prosím tuto chybu:");
        } finally {
            czech.post("/language", Map.of("language", "en", "next", "/"));
        }
    }
}
