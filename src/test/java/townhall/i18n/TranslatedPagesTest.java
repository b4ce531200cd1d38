package townhall.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.faq.Faqs;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/**
 * The staff pages, the reputation pages and the forms that refuse input, in Russian and in Czech: each says what it
 * says in the reader's language, with the plural forms right, and no English is left on it. "English left" is any
 * word of the English messages that the language's own messages do not use themselves (as they do "Markdown" or
 * "CSS"), found in the page's text or in its labels for screen readers.
 */
class TranslatedPagesTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient admin;
    static WebClient staff;
    static WebClient helper;
    static WebClient asker;
    static String helperName;
    static String askerName;
    static long questionId;
    static long entryId;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("spravce");
        staff = community.staff("kurator");
        helper = community.member("ivana");
        helperName = community.usernameOf(helper);
        asker = community.member("petr");
        askerName = community.usernameOf(asker);
        questionId = community.ask(asker, "Как подключить наушники к двум телефонам сразу?",
                "Подробности моего вопроса: модель и версия приложения.", "naushniki sparovani");
        community.answer(helper, questionId, "Зажмите кнопку питания на пять секунд.");
        assertThat(staff.post("/u/" + helperName + "/helper", Map.of("action", "grant", "reason", "Давно помогает"))
                .status()).isEqualTo(303);
        long section = Faqs.section(staff, "Доставка");
        entryId = Faqs.entry(staff, section, "Доставляете ли вы в Исландию?", "Да, в течение пяти рабочих дней.");
        assertThat(staff.get("/search?q=zvukovod").status()).isEqualTo(200);
    }

    private static void choose(WebClient browser, String language) {
        assertThat(browser.post("/language", Map.of("language", language, "next", "/")).status()).isEqualTo(303);
    }

    private static Document page(WebClient browser, String path, String language) {
        Response response = browser.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        Document page = response.html();
        assertThat(page.select("html").attr("lang")).as(path).isEqualTo(language);
        return page;
    }

    /** What a reader in {@code language} would take for English on the page. */
    static Set<String> englishOn(Document page, String language) {
        Document text = page.clone();
        text.select("code, pre, textarea, script, style").remove(); // examples and what was typed
        text.select("#language-select option").remove(); // each language named in itself
        text.select(".events li:contains(test_grant)").remove(); // the reputation the test community starts with
        StringBuilder all = new StringBuilder(text.text());
        for (Element labelled : text.select("[aria-label], [alt], [placeholder], [title], meta[name=description], "
                + "meta[property=og:title]")) {
            for (String attribute : List.of("aria-label", "alt", "placeholder", "title", "content")) {
                all.append(' ').append(labelled.attr(attribute));
            }
        }
        Set<String> found = words(List.of(all.toString()));
        found.retainAll(englishOnly(language));
        return found;
    }

    private static Set<String> englishOnly(String language) {
        Set<String> english = words(Messages.classpathBundle("en").values());
        english.removeAll(words(Messages.classpathBundle(language).values()));
        english.removeAll(Set.of("townhall", "default")); // the site's name, the theme's ("Townhall default")
        english.removeAll(Set.of("robots", "noindex", "follow", "width", "device", "initial", "scale")); // for machines
        return english;
    }

    private static Set<String> words(Collection<String> texts) {
        Pattern latin = Pattern.compile("[A-Za-z]{3,}");
        Set<String> words = new TreeSet<>();
        for (String text : texts) {
            Matcher matcher = latin.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static String message(String language, String key) {
        return Messages.classpathBundle(language).get(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "cs"})
    void theStaffPagesAreInTheStaffMembersLanguage(String language) throws InterruptedException {
        choose(admin, language);
        choose(staff, language);
        Map<String, WebClient> pages = new java.util.LinkedHashMap<>();
        pages.put("/admin/brand", admin);
        pages.put("/faq/manage", staff);
        pages.put("/faq/new", staff);
        pages.put("/faq/" + entryId + "/edit", staff);
        pages.put("/search/insights", staff);
        pages.put("/search/synonyms", staff);
        pages.put("/u/" + helperName, staff);
        for (Map.Entry<String, WebClient> visit : pages.entrySet()) {
            Document page = page(visit.getValue(), visit.getKey(), language);
            assertThat(englishOn(page, language)).as("English on " + visit.getKey() + " in " + language).isEmpty();
        }

        Document brand = page(admin, "/admin/brand", language);
        assertThat(brand.select("main h1").text()).isEqualTo(language.equals("ru") ? "Настройки бренда" : "Nastavení značky");
        assertThat(brand.select("#siteName-hint").text()).isEqualTo(language.equals("ru")
                ? "Показывается в шапке и заголовках страниц; не более 60 символов. Если пусто, используется название из конфигурации."
                : "Zobrazuje se v záhlaví a v titulcích stránek; nejvýše 60 znaků. Prázdné pole použije název z konfigurace.");
        Document manage = page(staff, "/faq/manage", language);
        assertThat(manage.select("main h1").text()).isEqualTo(message(language, "faq.manage"));
        assertThat(manage.select(".faq-manage-list li .muted").text()).startsWith(message(language, "faq.manage.reviewed"));
        Document insights = page(staff, "/search/insights", language);
        for (int wait = 0; wait < 50 && !insights.select("#zero-heading + table").text().contains("zvukovod"); wait++) {
            Thread.sleep(100); // searches are written to the log a moment later
            insights = page(staff, "/search/insights", language);
        }
        assertThat(insights.select("#zero-heading + table").text()).contains("zvukovod");
        assertThat(insights.select("main p.muted").first().text()).startsWith(language.equals("ru")
                ? "За последние 30 дней." : "Za posledních 30 dní.");
        Document history = page(staff, "/u/" + helperName, language);
        assertThat(history.select(".helper-changes").text()).contains(message(language, "profile.staff.source.staff"))
                .contains("Давно помогает");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "cs"})
    void reputationPagesSpeakTheMembersLanguageWithItsPlurals(String language) {
        choose(helper, language);
        choose(asker, language);
        Document notifications = page(helper, "/notifications", language);
        assertThat(notifications.select(".notifications").text()).contains(language.equals("ru")
                ? "Вы получили значок «Первый ответ»." : "Získali jste odznak „První odpověď“.")
                .contains(message(language, "notifications.helper"));
        Document profile = page(asker, "/u/" + askerName, language);
        assertThat(profile.select(".progress-summary").text().replace('\u00a0', ' ')).isEqualTo(language.equals("ru")
                ? "не хватает 5 принятых или проверенных ответов, 300 очков репутации и 14 дней участия"
                : "chybí 5 přijatých nebo ověřených odpovědí, 300 bodů reputace a 14 dní členství");
        assertThat(profile.select("svg.rep-chart title").text()).startsWith(language.equals("ru") ? "Репутация с " : "Reputace od ");
        Document helperProfile = page(helper, "/u/" + helperName, language);
        assertThat(helperProfile.select(".badge-list li strong").eachText()).contains(
                language.equals("ru") ? "Первый ответ" : "První odpověď", language.equals("ru") ? "Помощник" : "Pomocník");
        Document privileges = page(asker, "/privileges", language);
        assertThat(privileges.select("table.privileges td").eachText()).contains(language.equals("ru")
                ? "Публиковать больше 2 ссылок в одном сообщении" : "Vkládat do příspěvku víc než 2 odkazy");
        Document guidelines = page(asker, "/guidelines", language);
        assertThat(guidelines.select("main article li strong").first().text())
                .isEqualTo(language.equals("ru") ? "Сначала поищите." : "Nejdřív hledejte.");
        for (Document page : List.of(notifications, profile, helperProfile, privileges, guidelines)) {
            assertThat(englishOn(page, language)).as("English on " + page.location() + page.title()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "cs"})
    void formsRefuseInputInTheReadersLanguage(String language) {
        boolean ru = language.equals("ru");
        WebClient visitor = server.newClient();
        choose(visitor, language);
        Response register = visitor.post("/register", Map.of("username", "x", "email", "nope", "password", "kratke"));
        assertThat(register.status()).isEqualTo(422);
        Document form = register.html();
        assertThat(form.select(".error-summary h2").text()).isEqualTo(ru ? "Пожалуйста, исправьте ошибки:" : "Opravte prosím tyto chyby:");
        assertThat(form.select("#password-error").text()).isEqualTo(ru ? "Используйте не менее 10 символов." : "Použijte alespoň 10 znaků.");
        assertThat(form.select("#email-error").text()).contains("name@example.com");
        assertThat(englishOn(form, language)).isEmpty();

        Response signIn = visitor.post("/signin", Map.of("login", askerName, "password", "not the password"));
        assertThat(signIn.html().select(".error-summary").text()).contains(message(language, "account.error.signin.wrong"));

        choose(asker, language);
        Response ask = asker.post("/ask", Map.of("title", "Наушники?", "body", "Коротко.", "tags", "", "category", ""));
        assertThat(ask.status()).isEqualTo(422);
        Document askPage = ask.html();
        assertThat(askPage.select("#title-error").text()).startsWith(ru ? "Заголовок должен содержать не менее 15 символов"
                : "Nadpis musí mít alespoň 15 znaků");
        assertThat(askPage.select("#body-error").text()).isEqualTo(ru ? "Напишите не менее 20 символов." : "Napište alespoň 20 znaků.");
        assertThat(askPage.select("#tags-error").text()).isEqualTo(message(language, "qa.error.tags.missing"));
        assertThat(askPage.select("#category-error").text()).isEqualTo(message(language, "qa.error.category"));
        assertThat(englishOn(askPage, language)).isEmpty();

        choose(admin, language);
        Response colour = admin.postMultipart("/admin/brand", Map.of("primaryColor", "#7fb3ff"), Map.of(), true);
        assertThat(colour.status()).isEqualTo(422);
        Document brand = colour.html();
        assertThat(brand.select("#primaryColor-error").text()).startsWith(ru
                ? "Основной цвет #7fb3ff не принят: белый текст на нём даёт контраст"
                : "Hlavní barva #7fb3ff se nepřijímá: bílý text na ní má kontrastní poměr");
        assertThat(brand.select(".error-summary h2").text()).isEqualTo(ru
                ? "Ничего не сохранено. Исправьте ошибку:" : "Nic nebylo uloženo. Opravte prosím tuto chybu:");
        assertThat(englishOn(brand, language)).isEmpty();

        choose(staff, language);
        Response synonyms = staff.post("/search/synonyms", Map.of("synonyms", "# заметка\nнаушники"));
        assertThat(synonyms.status()).isEqualTo(422);
        assertThat(synonyms.html().select("#synonyms-error").text()).startsWith(ru ? "В строке 2 нужно" : "Řádek 2 potřebuje");
        assertThat(englishOn(synonyms.html(), language)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "cs"})
    void refusalsSayWhyInTheReadersLanguageOnThePageAndToTheScript(String language) throws Exception {
        WebClient newcomer = community.newcomer("novacek");
        choose(newcomer, language);
        String expected = language.equals("ru") ? "Голосовать «за» можно, набрав 15 очков репутации."
                : "Hlasovat kladně můžete od reputace 15.";
        Response page = newcomer.post("/posts/" + questionId + "/vote", Map.of("value", "up"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.html().select("h1").text()).isEqualTo(message(language, "errors.title.403"));
        assertThat(page.html().select("main").text()).contains(expected);
        assertThat(englishOn(page.html(), language)).isEmpty();

        Response script = newcomer.postJson("/posts/" + questionId + "/vote", Map.of("value", "up"));
        assertThat(script.status()).isEqualTo(403);
        JsonNode refusal = new ObjectMapper().readTree(script.body());
        assertThat(refusal.path("error").asText()).isEqualTo(expected);

        Response sideways = newcomer.postJson("/posts/" + questionId + "/vote", Map.of("value", "sideways"));
        assertThat(sideways.status()).isEqualTo(422);
        assertThat(new ObjectMapper().readTree(sideways.body()).path("errors").path("vote").asText())
                .isEqualTo(message(language, "qa.error.vote"));

        Response forged = newcomer.postRaw("/posts/" + questionId + "/vote", Map.of("value", "up"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.html().select("main").text()).contains(message(language, "errors.csrf"));

        Response queue = newcomer.get("/helpers/queue");
        assertThat(queue.status()).isEqualTo(403);
        assertThat(queue.html().select("main").text()).contains(message(language, "queue.denied"));
    }
}
