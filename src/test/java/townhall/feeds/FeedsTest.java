package townhall.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.faq.Faqs;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** RSS 2.0 and Atom feeds hold what a visitor may see, parse as what they claim, and pages point to them. */
class FeedsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    private static Community community;
    private static WebClient staff;
    private static WebClient visitor;
    private static long answered;
    private static long unanswered;
    private static long deletedQuestion;
    private static long keptAnswer;
    private static long deletedAnswer;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("feedstaff");
        visitor = server.newClient();
        WebClient asker = community.member("feedasker");
        WebClient helper = community.member("feedhelper");
        answered = community.ask(asker, "How long does the battery of the speaker last?", "I play music all day, every day.", "battery speaker");
        unanswered = community.ask(asker, "Which cable does the turntable need?", "The box had no cable in it at all.", "cables turntable");
        deletedQuestion = community.ask(asker, "A question that staff will delete soon", "Spam with a link to something.", "battery spam");
        keptAnswer = community.answer(helper, answered, "About twenty hours at half volume.");
        deletedAnswer = community.answer(helper, answered, "An answer that staff delete for being rude.");
        assertThat(staff.post("/posts/" + deletedQuestion + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(staff.post("/posts/" + deletedAnswer + "/delete", Map.of()).status()).isEqualTo(303);
    }

    private static String fetch(String path, String contentType) {
        WebClient.Response response = visitor.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith(contentType);
        return response.body();
    }

    /** Parsed with Rome, checked to be RSS 2.0 with the elements the specification requires. */
    private static SyndFeed rss(String path) throws Exception {
        String xml = fetch(path, "application/rss+xml");
        Document doc = Jsoup.parse(xml, Parser.xmlParser());
        assertThat(doc.select("rss").attr("version")).isEqualTo("2.0");
        assertThat(doc.select("rss > channel > title").text()).isNotBlank();
        assertThat(doc.select("rss > channel > link").text()).startsWith("http");
        assertThat(doc.select("rss > channel > description").text()).isNotBlank();
        doc.select("item").forEach(item -> {
            assertThat(item.select("title").text()).isNotBlank();
            assertThat(item.select("link").text()).startsWith(base());
            assertThat(item.select("guid").text()).isNotBlank();
        });
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        return feed;
    }

    /** Parsed with Rome, checked to be Atom 1.0 with its required id, title and updated, on the feed and each entry. */
    private static SyndFeed atom(String path) throws Exception {
        String xml = fetch(path, "application/atom+xml");
        Document doc = Jsoup.parse(xml, Parser.xmlParser());
        assertThat(doc.select("feed").attr("xmlns")).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(doc.select("feed > id").text()).isNotBlank();
        assertThat(doc.select("feed > title").text()).isNotBlank();
        assertThat(doc.select("feed > updated").text()).isNotBlank();
        assertThat(doc.select("feed > link[rel=self]").attr("href")).endsWith(path);
        doc.select("entry").forEach(entry -> {
            assertThat(entry.select("id").text()).isNotBlank();
            assertThat(entry.select("title").text()).isNotBlank();
            assertThat(entry.select("updated").text()).isNotBlank();
        });
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        return feed;
    }

    /** The site's public address, as its links carry it. */
    private static String base() {
        return server.config().publicBase();
    }

    private static List<String> links(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getLink).toList();
    }

    private static String questionLink(long id) {
        return base() + "/q/" + id + "/";
    }

    @Test
    void theNewestQuestionsAreAValidRssAndAtomFeedWithoutWhatStaffDeleted() throws Exception {
        for (SyndFeed feed : List.of(rss("/feeds/rss/questions"), atom("/feeds/atom/questions"))) {
            assertThat(links(feed)).anyMatch(link -> link.startsWith(questionLink(answered)))
                    .anyMatch(link -> link.startsWith(questionLink(unanswered)))
                    .noneMatch(link -> link.startsWith(questionLink(deletedQuestion)));
            SyndEntry first = feed.getEntries().getFirst();
            assertThat(first.getTitle()).isEqualTo("Which cable does the turntable need?");
            assertThat(first.getPublishedDate()).isNotNull();
        }
    }

    @Test
    void unansweredTagAndCategoryFeedsHoldTheirQuestions() throws Exception {
        assertThat(links(rss("/feeds/rss/unanswered"))).anyMatch(l -> l.startsWith(questionLink(unanswered)))
                .noneMatch(l -> l.startsWith(questionLink(answered)));
        assertThat(links(atom("/feeds/atom/tags/battery"))).hasSize(1).allMatch(l -> l.startsWith(questionLink(answered)));
        assertThat(rss("/feeds/rss/tags/battery").getEntries().getFirst().getCategories())
                .anyMatch(c -> c.getName().equals("speaker"));
        assertThat(links(rss("/feeds/rss/c/general"))).anyMatch(l -> l.startsWith(questionLink(unanswered)))
                .anyMatch(l -> l.startsWith(questionLink(answered)));
        assertThat(visitor.get("/feeds/rss/c/no-such-category").status()).isEqualTo(404);
        assertThat(visitor.get("/feeds/json/questions").status()).isEqualTo(404);
    }

    @Test
    void aQuestionsFeedHoldsItsVisibleAnswersAndADeletedQuestionHasNone() throws Exception {
        for (SyndFeed feed : List.of(rss("/feeds/rss/q/" + answered), atom("/feeds/atom/q/" + answered))) {
            assertThat(links(feed)).containsExactly(base() + "/q/" + answered
                    + "/how-long-does-the-battery-of-the-speaker-last#a" + keptAnswer);
            assertThat(feed.getEntries().getFirst().getContents().getFirst().getValue()).contains("twenty hours");
            assertThat(feed.getEntries().toString()).doesNotContain("rude");
        }
        // staff see the deleted question on its page; its feed is not there for anyone
        assertThat(visitor.get("/feeds/rss/q/" + deletedQuestion).status()).isEqualTo(404);
        assertThat(staff.get("/feeds/atom/q/" + deletedQuestion).status()).isEqualTo(404);
    }

    @Test
    void theFaqFeedListsEntriesButNotRetiredOnes() throws Exception {
        long section = Faqs.section(staff, "Shipping");
        Faqs.entry(staff, section, "Do you ship to Norway?", "Yes, we ship to Norway within five working days of your order.");
        long retired = Faqs.entry(staff, section, "Do you ship by zeppelin?", "Not any more: the zeppelin was retired along with this entry.");
        assertThat(staff.post("/faq/" + retired + "/retire", Map.of()).status()).isEqualTo(303);
        for (SyndFeed feed : List.of(rss("/feeds/rss/faq"), atom("/feeds/atom/faq"))) {
            assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Do you ship to Norway?");
        }
    }

    @Test
    void pagesAnnounceTheirFeedsForAutodiscovery() {
        Document home = visitor.page("/");
        assertThat(home.select("link[rel=alternate][type=application/rss+xml]").eachAttr("href"))
                .contains("/feeds/rss/questions", "/feeds/rss/unanswered");
        assertThat(home.select("link[rel=alternate][type=application/atom+xml]").eachAttr("href"))
                .contains("/feeds/atom/questions");
        assertThat(visitor.page("/tags/battery").select("link[rel=alternate]").eachAttr("href"))
                .containsExactly("/feeds/rss/tags/battery", "/feeds/atom/tags/battery");
        assertThat(visitor.page("/q/" + answered).select("link[rel=alternate]").eachAttr("href"))
                .containsExactly("/feeds/rss/q/" + answered, "/feeds/atom/q/" + answered);
        assertThat(visitor.page("/faq").select("link[rel=alternate]").eachAttr("href")).contains("/feeds/rss/faq");
        assertThat(visitor.page("/c/general").select("link[rel=alternate]").eachAttr("href")).contains("/feeds/atom/c/general");
    }

    @Test
    void aFeedCostsTheSameFewQueriesHoweverManyItemsItHolds() {
        long few = queriesOf("/feeds/rss/questions");
        WebClient asker = community.member("feedbulk");
        for (int i = 0; i < 6; i++) {
            community.ask(asker, "Another question about the speaker number " + i, "Some details about it.", "speaker t" + i);
        }
        assertThat(queriesOf("/feeds/rss/questions")).isEqualTo(few).isLessThanOrEqualTo(4);
    }

    private static long queriesOf(String path) {
        long before = server.components().database.queryCount();
        assertThat(visitor.get(path).status()).isEqualTo(200);
        return server.components().database.queryCount() - before;
    }
}
