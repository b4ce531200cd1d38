package townhall.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;
import townhall.support.WebClient.Response;

/** Hostile input in every field comes out inert on every page that shows it. */
class XssTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)><circle/></svg>",
            "[click me](javascript:alert(1))",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<scr<script>ipt>alert(1)</script>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "\"><b onmouseover=alert(1)>hover</b>",
            "![x](javascript:alert(1))");

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    @Test
    void payloadsInTitlesBodiesCommentsAndAnswersComeOutInert() {
        WebClient attacker = community.member("attacker");
        String everything = String.join("\n\n", PAYLOADS);
        long question = community.ask(attacker, "Help " + PAYLOADS.get(0) + PAYLOADS.get(1), everything, "xss");
        long answer = community.answer(attacker, question, everything);
        for (String payload : PAYLOADS) {
            attacker.post("/posts/" + question + "/comments", Map.of("comment", payload));
            attacker.post("/posts/" + answer + "/comments", Map.of("comment", payload));
        }
        attacker.post("/posts/" + answer + "/edit", Map.of("body", everything + "\n\nedited " + PAYLOADS.get(2),
                "reason", PAYLOADS.get(1)));

        Response questionPage = attacker.get("/q/" + question);
        questionPage = attacker.get(questionPage.location());
        assertInert(questionPage.html());
        assertThat(questionPage.html().select("h1").text()).contains("<script>alert(1)</script>");
        assertInert(attacker.get("/questions").html());
        assertInert(attacker.get("/").html());
        assertInert(attacker.get("/posts/" + answer + "/revisions").html());
        assertInert(attacker.get("/posts/" + question + "/edit").html());
    }

    @Test
    void controlCharactersInTitlesAnswersAndCommentsAreDroppedBeforeTheyAreKept() {
        WebClient member = community.member("nul-typer");
        long question = community.ask(member, "A title with a NUL\u0000 and an ESC\u001b in it",
                "A body with a NUL\u0000, a C1\u0085 and\r\nWindows line breaks that stay as lines", "control");
        long answer = community.answer(member, question, "An answer with a NUL\u0000 and a bell\u0007 in it, long enough");
        member.post("/posts/" + answer + "/comments", Map.of("comment", "A comment with a NUL\u0000 in it"));

        Response page = member.get(member.get("/q/" + question).location());
        assertThat(page.body()).doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(page.html().select("h1").text()).contains("A title with a NUL and an ESC in it");
        assertThat(page.html().text()).contains("A comment with a NUL in it");
        assertThat(server.components().database.dsl().fetchOne("select count(*) from posts p"
                + " left join questions q on q.id = p.id left join comments c on c.post_id = p.id"
                + " where instr(concat(p.body_md, coalesce(q.title, ''), coalesce(c.body, '')), char(0)) > 0")
                .get(0, Long.class)).as("rows still holding a NUL").isZero();
        assertThat(server.components().database.dsl()
                .fetchOne("select body_md from posts where id = ?", question).get(0, String.class))
                .isEqualTo("A body with a NUL, a C1 and\nWindows line breaks that stay as lines");
    }

    @Test
    void badTagsAreRefusedAndNeverRendered() {
        WebClient attacker = community.member("tagger");
        Response response = attacker.post("/ask", Map.of("title", "A question with a hostile tag in it",
                "body", "Body text that is long enough to pass.", "tags", "<script>alert(1)</script>",
                "category", "general"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.html().select("#tags-error").text()).contains("Tags use letters");
        assertInert(response.html());
    }

    @Test
    void thePreviewIsSanitizedToo() {
        WebClient attacker = community.member("previewer");
        Response preview = attacker.post("/preview", Map.of("body", String.join("\n\n", PAYLOADS)));
        assertThat(preview.status()).isEqualTo(200);
        assertInert(preview.html());
    }

    static void assertInert(Document page) {
        assertThat(page.select("script").stream()
                .filter(script -> !script.hasAttr("src") && !"application/ld+json".equals(script.attr("type"))))
                .as("inline scripts").isEmpty();
        assertThat(page.select("script[src]").eachAttr("src")).allMatch(src -> src.startsWith("/static/"));
        // the header's own icons (inline SVG written by the layout, not by members) aside
        assertThat(page.select("iframe, svg:not(header svg.icon), object, embed")).as("active elements").isEmpty();
        for (Element element : page.getAllElements()) {
            element.attributes().forEach(attribute -> {
                assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).as("event handler on " + element.tagName())
                        .doesNotStartWith("on");
                if (List.of("href", "src", "action", "formaction").contains(attribute.getKey())) {
                    String value = attribute.getValue().trim().toLowerCase(Locale.ROOT);
                    assertThat(value).as(attribute.getKey()).doesNotStartWith("javascript:")
                            .doesNotStartWith("data:").doesNotStartWith("vbscript:");
                }
            });
        }
        for (Element jsonLd : page.select("script[type=application/ld+json]")) {
            assertThat(jsonLd.data()).doesNotContain("</script").doesNotContain("<");
        }
    }
}
