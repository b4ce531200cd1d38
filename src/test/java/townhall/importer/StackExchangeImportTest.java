package townhall.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.REVISIONS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.markdown.CommentFormatter;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Imports a small hand-written Stack Exchange dump and reads the result the way visitors and staff see it. */
class StackExchangeImportTest {
    private static final String SITE = "fixture.stackexchange.com";

    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static StackExchangeImporter.Summary first;
    static String firstOutput;
    static final AtomicInteger afterImportRuns = new AtomicInteger();

    @BeforeAll
    static void importFixture() throws Exception {
        community = new Community(server);
        // taken here already: the importer must choose another name for "Ana García" (names ignore case)
        assertThat(server.newClient().register("ana_garcia", "a long enough password").status()).isEqualTo(303);
        first = importOnce();
        firstOutput = lastOutput;
    }

    private static String lastOutput;

    private static StackExchangeImporter.Summary importOnce() throws Exception {
        Path folder = Path.of(StackExchangeImportTest.class.getResource("/stackexchange/" + SITE).toURI());
        var output = new ByteArrayOutputStream();
        var components = server.components();
        // as the command does while a Townhall runs: ask the running indexer to rebuild from the database
        Runnable afterImport = () -> {
            afterImportRuns.incrementAndGet();
            components.database.inTransaction(() -> components.searchOutbox.requestRebuild());
        };
        var importer = new StackExchangeImporter(components.database, components.markdown, new CommentFormatter(),
                new PrintStream(output, true, StandardCharsets.UTF_8), afterImport);
        StackExchangeImporter.Summary summary = importer.run(folder, StackExchangeImporter.siteOf(folder, null));
        lastOutput = output.toString(StandardCharsets.UTF_8);
        return summary;
    }

    private Document page(WebClient browser, String title) {
        Response list = browser.get("/c/fixture-stackexchange");
        assertThat(list.status()).isEqualTo(200);
        Element link = list.html().selectFirst("a:containsOwn(" + title + ")");
        assertThat(link).as("a link to \"%s\" on the category page", title).isNotNull();
        Response question = browser.get(link.attr("href"));
        assertThat(question.status()).isEqualTo(200);
        return question.html();
    }

    @Test
    void importsEveryMemberQuestionAnswerAndCommentOfTheDump() {
        // 6 users, plus one stand-in for the author whose account is gone (post 6, comment 2)
        assertThat(first.members()).isEqualTo(6);
        assertThat(first.questions()).isEqualTo(3);
        // the tag wiki excerpt (post 7) and the answer whose question is not in the dump (post 9) are left out
        assertThat(first.answers()).isEqualTo(3);
        assertThat(first.comments()).isEqualTo(2);
        assertThat(first.acceptedAnswers()).isEqualTo(1);
        assertThat(first.duplicates()).isEqualTo(1);
        var db = server.components().database.dsl();
        assertThat(db.fetchCount(MEMBERS, MEMBERS.EMAIL.like("%@" + SITE + ".invalid"))).isEqualTo(7);
        assertThat(db.fetchCount(POSTS, POSTS.ORIGIN_URL.like("https://" + SITE + "/q/%"))).isEqualTo(3);
        assertThat(db.fetchCount(POSTS, POSTS.ORIGIN_URL.like("https://" + SITE + "/a/%"))).isEqualTo(3);
        assertThat(firstOutput).contains("Users.xml", "Posts.xml", "Comments.xml",
                "Imported " + SITE, "3 questions, 3 answers, 2 comments", "a second");
        assertThat(afterImportRuns.get()).isPositive();
    }

    @Test
    void importedQuestionsAreSearchableWhenTheImportEnds() throws InterruptedException {
        WebClient visitor = server.newClient();
        long deadline = System.nanoTime() + 5_000_000_000L;
        String results = "";
        while (System.nanoTime() < deadline) {
            results = visitor.get("/search?q=homebrewed+IPA+hop+aroma").html().select(".search-results").text();
            if (results.contains("How long can I store a homebrewed IPA?")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(results).contains("How long can I store a homebrewed IPA?");
    }

    @Test
    void aQuestionShowsItsTitleBodyTagsAndAttribution() {
        Document page = page(server.newClient(), "How long can I store a homebrewed IPA?");
        assertThat(page.select("h1").text()).isEqualTo("How long can I store a homebrewed IPA?");
        Element question = page.selectFirst("article.question");
        assertThat(question.select(".post-body").text())
                .isEqualTo("I bottled an IPA last week. How long will it keep its hop aroma in a cool cellar?");
        assertThat(question.select(".post-body strong").text()).isEqualTo("IPA");
        assertThat(question.select(".tags .tag").eachText()).containsExactly("ipa", "storage");
        String views = question.select(".question-meta").text().replaceAll(".*?(\\d+) views.*", "$1");
        assertThat(Integer.parseInt(views)).isGreaterThanOrEqualTo(120);

        Element origin = question.selectFirst(".origin");
        assertThat(origin.text()).isEqualTo("Originally posted by Ana García on " + SITE + ", licensed CC BY-SA 4.0.");
        assertThat(origin.select("a.origin-link").attr("href")).isEqualTo("https://" + SITE + "/q/1");
        assertThat(origin.select("a[rel=license]").attr("href"))
                .isEqualTo("https://creativecommons.org/licenses/by-sa/4.0/");
        // "ana_garcia" was taken, so Ana's account got her source id after the name
        assertThat(question.select(".author-card .member-name").text()).isEqualTo("Ana_Garcia-1");
    }

    @Test
    void theAcceptedAnswerComesFirstWithItsCommentsAndAttribution() {
        Document page = page(server.newClient(), "How long can I store a homebrewed IPA?");
        assertThat(page.select("#answers-heading").text()).isEqualTo("2 answers");
        Element accepted = page.selectFirst(".answer");
        assertThat(accepted.hasClass("is-accepted")).isTrue();
        assertThat(accepted.select(".accepted-mark").text()).contains("Accepted answer");
        assertThat(accepted.select(".post-body").text()).startsWith("Hop aroma fades within two to three months");
        assertThat(accepted.select(".score").text()).isEqualTo("7");
        assertThat(accepted.select(".origin a.origin-link").attr("href")).isEqualTo("https://" + SITE + "/a/3");
        assertThat(accepted.select(".origin").text()).contains("Originally posted by bob on " + SITE);
        // a comment by someone whose account is gone: written as plain text, by the stand-in member
        Element comment = accepted.selectFirst(".comment-list li");
        assertThat(comment.text()).startsWith("<b>Thanks</b>, this helped a lot.");
        assertThat(comment.select(".comment-author").text()).isEqualTo("deleted-user");

        Element questionComment = page.selectFirst("article.question .comment-list li");
        assertThat(questionComment.select("a[href=\"https://example.com/ipa-storage\"]").attr("rel")).contains("nofollow");
        assertThat(questionComment.select(".comment-author").text()).isEqualTo("bob");
    }

    @Test
    void hostileHtmlInAPostIsSanitized() {
        Document page = page(server.newClient(), "How long can I store a homebrewed IPA?");
        Element hostile = page.select(".answer").last();
        assertThat(hostile.select(".post-body").text()).contains("Store it warm", "click here");
        assertThat(hostile.select(".post-body script, .post-body [onerror], .post-body a[href^=javascript]")).isEmpty();
        assertThat(hostile.select(".post-body").html()).doesNotContain("alert(");
        assertThat(page.select("script:not([type=application/ld+json]):not([src])").outerHtml()).doesNotContain("pwned");
        assertThat(hostile.select(".author-card .member-name").text()).isEqualTo("Mallory_script");
    }

    @Test
    void aDuplicateLinkClosesTheQuestionAndPointsToTheOriginal() {
        Document original = page(server.newClient(), "How long can I store a homebrewed IPA?");
        String originalPath = original.select("link[rel=canonical]").attr("href").replaceFirst("^https?://[^/]+", "");
        Document duplicate = page(server.newClient(), "How long does an IPA keep in the fridge?");
        Element banner = duplicate.selectFirst(".banner-duplicate");
        assertThat(banner).isNotNull();
        assertThat(banner.select("a.duplicate-of").text()).isEqualTo("How long can I store a homebrewed IPA?");
        assertThat(banner.select("a.duplicate-of").attr("href")).isEqualTo(originalPath);
        assertThat(banner.text()).contains("Closed by Community");
        assertThat(duplicate.select(".your-answer").text()).contains("closed");
    }

    @Test
    void aPostWhoseAuthorIsGoneKeepsTheNameFromTheDump() {
        Document page = page(server.newClient(), "Is beer past its best-before date safe to drink?");
        Element answer = page.selectFirst(".answer");
        assertThat(answer.select(".author-card .member-name").text()).isEqualTo("deleted-user");
        assertThat(answer.select(".origin").text())
                .isEqualTo("Originally posted by Gone Person on " + SITE + ", licensed CC BY-SA 3.0.");
        assertThat(page.select(".tags .tag").eachText()).containsExactly("safety", "storage");
    }

    @Test
    void membersGetValidUniqueUsernamesAndCannotSignIn() {
        WebClient visitor = server.newClient();
        for (String username : new String[] {"bob", "Bob-3", "li-4", "Community", "Mallory_script"}) {
            assertThat(visitor.get("/u/" + username).status()).as(username).isEqualTo(200);
        }
        Response signIn = server.newClient().signIn("bob", "");
        assertThat(signIn.status()).isNotEqualTo(303);
        Response guess = server.newClient().signIn("se-user2@" + SITE + ".invalid", "password");
        assertThat(guess.status()).isNotEqualTo(303);
        // imported members start like everyone: their reputation on the other site stays there
        var db = server.components().database.dsl();
        assertThat(db.select(MEMBERS.REPUTATION).from(MEMBERS).where(MEMBERS.USERNAME.eq("Ana_Garcia-1"))
                .fetchOne(MEMBERS.REPUTATION)).isEqualTo(1);
    }

    @Test
    void importedPostsHaveAFirstRevisionWithTheirMarkdownSoStaffCanEditThem() {
        WebClient staff = community.staff("editor");
        Document page = page(staff, "How long can I store a homebrewed IPA?");
        String history = page.select("article.question .post-actions a[href$=/revisions]").attr("href");
        Document revisions = staff.get(history).html();
        assertThat(revisions.select(".revision")).hasSize(1);
        assertThat(revisions.select(".revision").text()).contains("Imported from " + SITE);
        String edit = history.replace("/revisions", "/edit");
        Document form = staff.get(edit).html();
        // the newest Markdown from the edit history, not the first version
        assertThat(form.select("textarea[name=body]").text())
                .isEqualTo("I bottled an **IPA** last week. How long will it keep its hop aroma in a cool cellar?");
    }

    @Test
    void tagsCountTheirImportedQuestions() {
        Document tags = server.newClient().get("/tags").html();
        assertThat(tags.select(".tag-cloud li").eachText()).contains("ipa × 2", "storage × 2", "safety × 1");
    }

    @Test
    void runningTheImportAgainAddsNothing() throws Exception {
        var db = server.components().database.dsl();
        int members = db.fetchCount(MEMBERS);
        int posts = db.fetchCount(POSTS);
        int questions = db.fetchCount(QUESTIONS);
        int comments = db.fetchCount(COMMENTS);
        int revisions = db.fetchCount(REVISIONS);

        StackExchangeImporter.Summary again = importOnce();

        assertThat(again.members() + again.questions() + again.answers() + again.comments() + again.duplicates())
                .isZero();
        assertThat(again.alreadyImported()).isPositive();
        assertThat(db.fetchCount(MEMBERS)).isEqualTo(members);
        assertThat(db.fetchCount(POSTS)).isEqualTo(posts);
        assertThat(db.fetchCount(QUESTIONS)).isEqualTo(questions);
        assertThat(db.fetchCount(COMMENTS)).isEqualTo(comments);
        assertThat(db.fetchCount(REVISIONS)).isEqualTo(revisions);
        Document page = page(server.newClient(), "How long can I store a homebrewed IPA?");
        assertThat(page.select("#answers-heading").text()).isEqualTo("2 answers");
        assertThat(server.newClient().get("/tags").html().select(".tag-cloud li").eachText()).contains("ipa × 2");
    }

    @Test
    void theSiteComesFromTheFolderOrTheOptionAndTagsFromEitherNotation() {
        Path folder = Path.of("dumps", "beer.stackexchange.com");
        assertThat(StackExchangeImporter.siteOf(folder, null)).isEqualTo("beer.stackexchange.com");
        assertThat(StackExchangeImporter.siteOf(folder, "https://alcohol.stackexchange.com/"))
                .isEqualTo("alcohol.stackexchange.com");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackExchangeImporter.siteOf(Path.of("dump"), null))
                .hasMessageContaining("--site");
        assertThat(Map.of("a", StackExchangeImporter.tagsOf("<ipa><storage>"), "b",
                StackExchangeImporter.tagsOf("|safety|storage|"), "c", StackExchangeImporter.tagsOf("<C++><not a tag!>")))
                .containsEntry("a", java.util.List.of("ipa", "storage"))
                .containsEntry("b", java.util.List.of("safety", "storage"))
                .containsEntry("c", java.util.List.of("c++"));
    }
}
