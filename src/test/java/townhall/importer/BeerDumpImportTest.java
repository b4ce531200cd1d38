package townhall.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.markdown.CommentFormatter;
import townhall.support.TownhallServer;
import townhall.support.WebClient.Response;

/**
 * Imports the real Beer, Wine & Spirits dump (../shared/data/stackexchange, CC BY-SA) when it is there: real
 * data has what a hand-written fixture forgets, such as a post body longer than the XML parser's default limit.
 */
class BeerDumpImportTest {
    /** Beside the checkout, as on the developers' machines, or in the shared folder wherever the checkout is. */
    private static final Path DUMP = java.util.stream.Stream.of(Path.of("..", "shared"), Path.of("/work/shared"))
            .map(shared -> shared.resolve("data/stackexchange/beer.stackexchange.com"))
            .filter(folder -> Files.isRegularFile(folder.resolve("Posts.xml")))
            .findFirst().orElse(Path.of("..", "shared", "data", "stackexchange", "beer.stackexchange.com"));

    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static StackExchangeImporter.Summary summary;

    @BeforeAll
    static void importDump() {
        assumeTrue(Files.isRegularFile(DUMP.resolve("Posts.xml")), "the beer.stackexchange.com dump is not here");
        var components = server.components();
        summary = new StackExchangeImporter(components.database, components.markdown, new CommentFormatter(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), () -> {})
                .run(DUMP, StackExchangeImporter.siteOf(DUMP, null));
    }

    @Test
    void everyQuestionAnswerCommentAndDuplicateOfTheDumpIsImported() {
        // Posts.xml: 1,029 questions and 2,277 answers (the other 165 rows are tag wikis and the like)
        assertThat(summary.questions()).isEqualTo(1029);
        assertThat(summary.answers()).isEqualTo(2277);
        assertThat(summary.members()).isEqualTo(6863);
        assertThat(summary.comments()).isEqualTo(3509);
        // 26 duplicate links; two repeat a question already closed as a duplicate of another one
        assertThat(summary.duplicates()).isEqualTo(24);
        assertThat(summary.acceptedAnswers()).isEqualTo(619);
    }

    @Test
    void theFirstQuestionOfTheSiteReadsAsItDidThere() {
        Response list = server.newClient().get("/tags/hops");
        Element link = list.html().selectFirst("a:containsOwn(What is a citra hop, and how does it differ from other hops?)");
        assertThat(link).isNotNull();
        Document page = server.newClient().get(link.attr("href")).html();
        assertThat(page.select("article.question .post-body").text())
                .startsWith("I was offered a beer the other day that was reportedly made with citra hops.");
        assertThat(page.select("article.question .origin a.origin-link").attr("href"))
                .isEqualTo("https://beer.stackexchange.com/q/1");
        assertThat(page.select("article.question .origin").text()).contains("CC BY-SA 3.0");
        Element accepted = page.selectFirst(".answer.is-accepted");
        assertThat(accepted.select(".origin a.origin-link").attr("href")).isEqualTo("https://beer.stackexchange.com/a/4");
        assertThat(accepted.select(".post-body a").attr("rel")).contains("nofollow");
    }
}
