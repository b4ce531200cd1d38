package townhall.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** The interface in English, Russian and Czech: the menu, the site default, members' and visitors' choices. */
class LanguagesTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    @RegisterExtension
    static final TownhallServer czechSite = new TownhallServer().with(Setting.LANGUAGE, "cs");
    static Community community;
    static Community czechCommunity;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        czechCommunity = new Community(czechSite);
    }

    private static Document page(WebClient browser, String path) {
        return browser.page(path);
    }

    private static void choose(WebClient browser, String language) {
        Response response = browser.post("/language", Map.of("language", language, "next", "/questions"));
        assertThat(response.status()).isEqualTo(303);
        assertThat(response.location()).isEqualTo("/questions");
    }

    @Test
    void englishIsTheDefault() {
        Document home = page(server.newClient(), "/");
        assertThat(home.select("html").attr("lang")).isEqualTo("en");
        assertThat(home.select("ul.nav a").eachText()).contains("Home", "Questions", "Ask");
        assertThat(home.select("#help-hint a").text()).isEqualTo("Ask a question");
        assertThat(home.select("#language-select option[selected]").val()).isEqualTo("en");
    }

    @Test
    void aVisitorsChoiceSticksInACookie() {
        WebClient visitor = server.newClient();
        choose(visitor, "ru");
        assertThat(visitor.cookie("th_lang")).isEqualTo("ru");
        Document home = page(visitor, "/");
        assertThat(home.select("html").attr("lang")).isEqualTo("ru");
        assertThat(home.select("ul.nav a").eachText()).contains("Главная", "Вопросы", "Спросить");
        assertThat(home.select("#help-hint a").text()).isEqualTo("Задать вопрос");
        assertThat(home.select(".account").text()).contains("Войти");
        assertThat(home.select("#language-select option[selected]").val()).isEqualTo("ru");

        choose(visitor, "cs");
        Document czech = page(visitor, "/");
        assertThat(czech.select("html").attr("lang")).isEqualTo("cs");
        assertThat(czech.select("#help-hint a").text()).isEqualTo("Položit otázku");
        assertThat(czech.select("ul.nav a").eachText()).contains("Domů", "Otázky");
    }

    @Test
    void theLanguageFormNeedsItsCsrfToken() {
        WebClient visitor = server.newClient();
        visitor.get("/");
        Response forged = visitor.postRaw("/language", Map.of("language", "ru", "next", "/"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(visitor.cookie("th_lang")).isNull();
        assertThat(page(visitor, "/").select("html").attr("lang")).isEqualTo("en");
    }

    @Test
    void anUnknownLanguageIsRefused() {
        WebClient visitor = server.newClient();
        assertThat(visitor.post("/language", Map.of("language", "xx", "next", "/")).status()).isEqualTo(400);
        assertThat(visitor.cookie("th_lang")).isNull();
    }

    @Test
    void aQuestionPageInRussianHasRightPluralsAndDates() {
        WebClient asker = community.member("vopros");
        long id = community.ask(asker, "Как подключить наушники к двум телефонам?");
        server.components().database.dsl().execute("UPDATE posts SET created_at = ? WHERE id = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusHours(2).minusMinutes(1), id);
        choose(asker, "ru");

        community.answer(community.member("one"), id, "Зажмите кнопку питания на пять секунд.");
        Document one = page(asker, "/q/" + id);
        assertThat(one.select("html").attr("lang")).isEqualTo("ru");
        assertThat(one.select("#answers-heading").text()).isEqualTo("1 ответ");
        assertThat(one.select(".question-meta").text()).contains("Задан 2 часа назад");
        assertThat(one.select("#your-answer-heading").text()).isEqualTo("Ваш ответ");
        assertThat(one.select(".your-answer button:not([name=add_image])").text()).isEqualTo("Опубликовать ответ");

        community.answer(community.member("two"), id, "Обновите прошивку до последней версии.");
        assertThat(page(asker, "/q/" + id).select("#answers-heading").text()).isEqualTo("2 ответа");
        for (int i = 0; i < 3; i++) {
            community.answer(community.member("more"), id, "Ещё один способ, который мне помог, номер " + i + ".");
        }
        assertThat(page(asker, "/q/" + id).select("#answers-heading").text()).isEqualTo("5 ответов");
        Document list = page(asker, "/questions");
        assertThat(list.select(".question-row .stat-label").eachText()).contains("ответов");
    }

    @Test
    void aQuestionPageInCzechHasRightPluralsAndDates() {
        WebClient asker = community.member("otazka");
        long id = community.ask(asker, "Jak spárovat sluchátka se dvěma telefony?");
        server.components().database.dsl().execute("UPDATE posts SET created_at = ? WHERE id = ?",
                LocalDateTime.now(ZoneOffset.UTC).minusHours(2).minusMinutes(1), id);
        choose(asker, "cs");
        community.answer(community.member("jedna"), id, "Podržte tlačítko napájení pět sekund.");
        Document one = page(asker, "/q/" + id);
        assertThat(one.select("html").attr("lang")).isEqualTo("cs");
        assertThat(one.select("#answers-heading").text()).isEqualTo("1 odpověď");
        assertThat(one.select(".question-meta").text()).contains("Položeno před 2 hodinami");
        community.answer(community.member("dve"), id, "Aktualizujte firmware na nejnovější verzi.");
        assertThat(page(asker, "/q/" + id).select("#answers-heading").text()).isEqualTo("2 odpovědi");
        for (int i = 0; i < 3; i++) {
            community.answer(community.member("dalsi"), id, "Další způsob, který mi pomohl, číslo " + i + ".");
        }
        assertThat(page(asker, "/q/" + id).select("#answers-heading").text()).isEqualTo("5 odpovědí");
    }

    @Test
    void aProfileInRussianAndCzech() {
        WebClient member = community.member("profil");
        String username = community.usernameOf(member);
        choose(member, "ru");
        Document ru = page(member, "/u/" + username);
        assertThat(ru.select("html").attr("lang")).isEqualTo("ru");
        assertThat(ru.select("#helper-heading").text()).isEqualTo("Статус помощника");
        assertThat(ru.select(".account").text()).contains("Вы вошли как", "Выйти");
        choose(member, "cs");
        Document cs = page(member, "/u/" + username);
        assertThat(cs.select("#helper-heading").text()).isEqualTo("Status pomocníka");
        assertThat(cs.select(".account").text()).contains("Odhlásit se");
    }

    @Test
    void theSiteLanguageIsTheDefaultAndAMembersChoiceBeatsItAcrossSignIns() {
        WebClient visitor = czechSite.newClient();
        Document home = page(visitor, "/");
        assertThat(home.select("html").attr("lang")).isEqualTo("cs");
        assertThat(home.select("#help-hint a").text()).isEqualTo("Položit otázku");

        WebClient member = czechCommunity.member("volba");
        String username = czechCommunity.usernameOf(member);
        assertThat(page(member, "/").select("html").attr("lang")).isEqualTo("cs");
        choose(member, "ru");
        assertThat(member.cookie("th_lang")).isNull(); // saved on the member, not in this browser
        assertThat(page(member, "/").select("html").attr("lang")).isEqualTo("ru");

        assertThat(member.post("/signout", Map.of()).status()).isEqualTo(303);
        assertThat(page(member, "/").select("html").attr("lang")).isEqualTo("cs");

        WebClient elsewhere = czechSite.newClient();
        assertThat(elsewhere.signIn(username, "a long enough password").status()).isEqualTo(303);
        Document again = page(elsewhere, "/");
        assertThat(again.select("html").attr("lang")).isEqualTo("ru");
        assertThat(again.select("#help-hint a").text()).isEqualTo("Задать вопрос");
    }

    @Test
    void errorPagesAreTranslated() {
        WebClient visitor = server.newClient();
        choose(visitor, "cs");
        Response missing = visitor.get("/no-such-page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.html().select("h1").text()).isEqualTo("Stránka nenalezena");
    }
}
