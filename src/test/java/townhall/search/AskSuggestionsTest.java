package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.ASK_EVENTS;
import static townhall.search.Searching.awaitSearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.db.schema.tables.records.AskEventsRecord;
import townhall.faq.Faqs;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** While a member writes a question, the FAQ and similar questions are offered, and every moment is recorded. */
class AskSuggestionsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static long faqEntry;
    static long verifiedQuestion;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("support");
        WebClient old = community.member("oldtimer");
        long section = Faqs.section(staff, "Getting started");
        faqEntry = Faqs.entry(staff, section, "How do I reset the headphones to factory settings?",
                "Hold both buttons for ten seconds until the light flashes white.");
        verifiedQuestion = community.ask(old, "Factory reset does not work on my headphones",
                "I hold the button but nothing happens.", "reset");
        long answer = community.answer(community.member("helper"), verifiedQuestion,
                "Hold both buttons, not one, for a full ten seconds.");
        staff.post("/posts/" + answer + "/verify", Map.of());
        old.post("/posts/" + answer + "/accept", Map.of());
        community.ask(old, "Unrelated question about shipping times", "How long does shipping to Norway take?", "shipping");
        awaitSearch(old, "factory reset headphones", t -> t.size() >= 2
                && t.contains("Factory reset does not work on my headphones"));
        Searching.eventually(() -> !Searching.titles(Searching.page(old,
                "/search?q=factory+reset&verified=1")).isEmpty());
    }

    private static String askSession(WebClient member) {
        Document ask = member.get("/ask").html();
        String session = ask.select("input[name=ask_session]").val();
        assertThat(session).hasSize(22);
        return session;
    }

    @Test
    void typingATitleSuggestsTheFaqFirstThenSimilarQuestionsWithTheirMarks() {
        WebClient member = community.member("typist");
        String session = askSession(member);
        WebClient.Response response = member.postJson("/ask/suggestions",
                Map.of("title", "how to factory reset headphones", "body", "", "ask_session", session));
        assertThat(response.status()).isEqualTo(200);
        Document fragment = response.html();
        var items = fragment.select(".suggestion");
        assertThat(items.first().hasClass("is-faq")).isTrue();
        assertThat(items.first().select("a").text()).startsWith("How do I reset the headphones to factory settings?");
        var question = fragment.select(".suggestion:not(.is-faq):has(a:contains(Factory reset does not work))").first();
        assertThat(question).isNotNull();
        assertThat(question.select(".mark-verified")).isNotEmpty();
        assertThat(question.select(".mark-accepted")).isNotEmpty();
        assertThat(fragment.text()).doesNotContain("shipping");
    }

    @Test
    void withoutScriptCheckingForSimilarQuestionsShowsThemAndKeepsTheDraft() {
        WebClient member = community.member("noscript");
        String session = askSession(member);
        WebClient.Response response = member.post("/ask", Map.of("title", "Factory reset of my headphones fails",
                "body", "Details typed so far.", "tags", "reset", "category", "general", "preview", "similar",
                "ask_session", session));
        assertThat(response.status()).isEqualTo(200);
        Document page = response.html();
        assertThat(page.select("#ask-suggestions .suggestion a").eachText())
                .anyMatch(t -> t.startsWith("Factory reset does not work on my headphones"));
        assertThat(page.select("#title").val()).isEqualTo("Factory reset of my headphones fails");
        assertThat(page.select("input[name=ask_session]").val()).isEqualTo(session);
    }

    @Test
    void everyMomentWhileAskingIsRecorded() {
        WebClient member = community.member("deflected");
        String shownSession = askSession(member);
        // suggestions shown (once, however often the same ones are shown again), one opened, then the page left
        for (int i = 0; i < 3; i++) {
            member.postJson("/ask/suggestions", Map.of("title", "factory reset headphones", "ask_session", shownSession));
        }
        WebClient.Response opened = member.get("/ask/go?s=" + shownSession + "&to=f" + faqEntry + "&n=1");
        assertThat(opened.status()).isEqualTo(303);
        assertThat(opened.location()).isEqualTo("/faq/" + faqEntry);
        assertThat(member.post("/ask/left", Map.of("ask_session", shownSession, "title", "factory reset headphones"))
                .status()).isEqualTo(204);

        // another visit: posted anyway
        String postedSession = askSession(member);
        member.postJson("/ask/suggestions", Map.of("title", "factory reset headphones again", "ask_session", postedSession));
        WebClient.Response posted = member.post("/ask", Map.of("title", "Factory reset headphones again and again",
                "body", "None of the suggestions helped me here.", "tags", "reset", "category", "general",
                "ask_session", postedSession));
        assertThat(posted.status()).isEqualTo(303);
        long questionId = Long.parseLong(posted.location().replaceAll("^/q/(\\d+).*$", "$1"));

        DSLContext db = server.components().database.dsl();
        assertThat(Searching.eventually(() -> db.fetchCount(ASK_EVENTS, ASK_EVENTS.ASK_SESSION.in(shownSession,
                postedSession)) >= 5)).isTrue();
        List<String> first = events(db, shownSession);
        assertThat(first).containsExactly("shown", "opened", "left");
        AskEventsRecord shown = db.fetchOne(ASK_EVENTS, ASK_EVENTS.ASK_SESSION.eq(shownSession).and(ASK_EVENTS.EVENT.eq("shown")));
        assertThat(shown.getShown()).startsWith("f" + faqEntry).contains("q" + verifiedQuestion);
        assertThat(shown.getTitle()).isEqualTo("factory reset headphones");
        assertThat(shown.getMemberId()).isNotNull();
        assertThat(shown.getBrowser()).hasSize(16);
        AskEventsRecord open = db.fetchOne(ASK_EVENTS, ASK_EVENTS.ASK_SESSION.eq(shownSession).and(ASK_EVENTS.EVENT.eq("opened")));
        assertThat(open.getTarget()).isEqualTo("f" + faqEntry);

        assertThat(events(db, postedSession)).containsExactly("shown", "posted");
        AskEventsRecord post = db.fetchOne(ASK_EVENTS, ASK_EVENTS.ASK_SESSION.eq(postedSession).and(ASK_EVENTS.EVENT.eq("posted")));
        assertThat(post.getQuestionId()).isEqualTo(questionId);
        assertThat(post.getShown()).isNotEmpty();

        Document insights = staff.get("/search/insights").html();
        assertThat(insights.select("#deflection-heading + table").text()).contains("Opened a suggestion and did not post 1");
    }

    @Test
    void suggestionsAnswerInAFewMilliseconds() {
        SearchService service = server.app().search().service();
        String[] titles = {"factory reset headphones", "how long does shipping take", "headphones do not reset",
                "reset button", "shipping to norway"};
        for (int i = 0; i < 200; i++) {
            service.suggest(titles[i % titles.length], "some body text about the reset button", 5, townhall.qa.Audience.ANONYMOUS);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long started = System.nanoTime();
            service.suggest(titles[i % titles.length], "some body text about the reset button", 5, townhall.qa.Audience.ANONYMOUS);
            micros.add((System.nanoTime() - started) / 1000);
        }
        micros.sort(null);
        long p50 = micros.get(250);
        long p99 = micros.get(495);
        System.out.printf("suggest() in process: p50 %d us, p99 %d us%n", p50, p99);

        WebClient member = community.member("timer");
        String session = askSession(member);
        List<Long> http = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long started = System.nanoTime();
            member.postJson("/ask/suggestions", Map.of("title", titles[i % titles.length], "ask_session", session));
            http.add((System.nanoTime() - started) / 1000);
        }
        http.sort(null);
        System.out.printf("POST /ask/suggestions over HTTP: p50 %d us, p99 %d us%n", http.get(50), http.get(98));
        assertThat(p50).as("median microseconds").isLessThan(20_000);
    }

    private static List<String> events(DSLContext db, String session) {
        return db.select(ASK_EVENTS.EVENT).from(ASK_EVENTS).where(ASK_EVENTS.ASK_SESSION.eq(session))
                .orderBy(ASK_EVENTS.ID).fetch(ASK_EVENTS.EVENT);
    }
}
