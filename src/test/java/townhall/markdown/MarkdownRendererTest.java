package townhall.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.markdown.HtmlAssertions.assertInert;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    private Document render(String source) {
        return Jsoup.parseBodyFragment(markdown.render(source, LinkPolicy.NOFOLLOW));
    }

    @Test
    void tablesRenderAsTables() {
        Document html = render("""
                | Name | Votes |
                |------|------:|
                | Ada  | 3     |
                """);
        assertThat(html.select("table thead th").eachText()).containsExactly("Name", "Votes");
        assertThat(html.select("table tbody td").eachText()).containsExactly("Ada", "3");
    }

    @Test
    void doubleTildesStrikeThrough() {
        assertThat(render("this is ~~wrong~~ right").select("del").text()).isEqualTo("wrong");
    }

    @Test
    void bareUrlsBecomeLinks() {
        Element link = render("see https://example.com/docs for more").selectFirst("a");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("https://example.com/docs");
        assertThat(link.text()).isEqualTo("https://example.com/docs");
    }

    @Test
    void taskListItemsBecomeReadOnlyCheckboxes() {
        Document html = render("""
                - [x] done
                - [ ] to do
                """);
        var boxes = html.select("li > input");
        assertThat(boxes).hasSize(2);
        assertThat(boxes).allSatisfy(box -> {
            assertThat(box.attr("type")).isEqualTo("checkbox");
            assertThat(box.hasAttr("disabled")).isTrue();
        });
        assertThat(boxes.get(0).hasAttr("checked")).isTrue();
        assertThat(boxes.get(1).hasAttr("checked")).isFalse();
        assertThat(html.select("li").eachText()).containsExactly("done", "to do");
    }

    @Test
    void fencedCodeKeepsItsLanguage() {
        Document html = render("""
                ```java
                if (a < b) return;
                ```
                """);
        Element code = html.selectFirst("pre > code");
        assertThat(code).isNotNull();
        assertThat(code.className()).isEqualTo("language-java");
        assertThat(code.wholeText()).isEqualTo("if (a < b) return;\n");
    }

    @Test
    void everydayMarkdownSurvivesSanitizing() {
        Document html = render("""
                ## Heading

                Some **bold**, *italic* and `code`, then a [link](https://example.com "Example").

                > quoted

                3. three
                4. four

                ![logo](https://example.com/logo.png "Logo")

                ---
                """);
        assertThat(html.select("h2").text()).isEqualTo("Heading");
        assertThat(html.select("strong").text()).isEqualTo("bold");
        assertThat(html.select("em").text()).isEqualTo("italic");
        assertThat(html.select("p > code").text()).isEqualTo("code");
        assertThat(html.select("a[href=https://example.com]").attr("title")).isEqualTo("Example");
        assertThat(html.select("blockquote p").text()).isEqualTo("quoted");
        assertThat(html.select("ol").attr("start")).isEqualTo("3");
        // an image from another site becomes a link to it (the CSP would block it): see ImagesAsLinks
        assertThat(html.select("img")).isEmpty();
        Element image = html.selectFirst("a.external-image");
        assertThat(image).isNotNull();
        assertThat(image.attr("href")).isEqualTo("https://example.com/logo.png");
        assertThat(image.text()).isEqualTo("logo");
        assertThat(html.select("hr")).hasSize(1);
    }

    @Test
    void anUploadedImageIsShownAndAnOutsideOneBecomesALinkWithItsAltTextOrAddress() {
        String upload = "/uploads/" + "ab".repeat(32) + ".png";
        Document html = render("![the dock](" + upload + ")\n\n![](https://tracker.example/pixel.gif)\n\n"
                + "![x](/uploads/not-a-hash.png) ![y](/static/img/favicon.svg)");
        assertThat(html.select("img").eachAttr("src")).containsExactly(upload);
        assertThat(html.select("img").attr("alt")).isEqualTo("the dock");
        assertThat(html.select("a.external-image").eachAttr("href")).containsExactly("https://tracker.example/pixel.gif");
        assertThat(html.select("a.external-image").text()).isEqualTo("https://tracker.example/pixel.gif");
        assertThat(html.select("a.external-image").attr("rel")).isEqualTo("nofollow ugc");
        assertThat(html.text()).doesNotContain("favicon");
        // under a path prefix, an upload keeps it
        assertThat(render("![a](/community" + upload + ")").select("img").attr("src")).isEqualTo("/community" + upload);
    }

    @Test
    void rawHtmlIsShownAsText() {
        Document html = render("I mean <b>bold</b>");
        assertThat(html.select("b")).isEmpty();
        assertThat(html.text()).isEqualTo("I mean <b>bold</b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[x](JaVaScRiPt:alert(1))",
        "[x](<  javascript:alert(1)>)",
        "[x](<java\tscript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "<https://example.com/\"onmouseover=\"alert(1)>",
        "[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")",
        "```\" onmouseover=\"alert(1)\nx\n```",
        "javascript://example.com/%0aalert(1)",
    })
    void scriptingPayloadsComeOutInert(String payload) {
        for (LinkPolicy links : LinkPolicy.values()) {
            assertInert(Jsoup.parseBodyFragment(markdown.render(payload, links)));
        }
    }

    @Test
    void nofollowMarksEveryLink() {
        Document html = render("[a](https://a.example) and https://b.example and <https://c.example>");
        assertThat(html.select("a")).hasSize(3)
                .allSatisfy(a -> assertThat(a.attr("rel")).isEqualTo("nofollow ugc"));
    }

    @Test
    void followLeavesLinksWithoutNofollow() {
        Document html = Jsoup.parseBodyFragment(
                markdown.render("[a](https://a.example) and https://b.example", LinkPolicy.FOLLOW));
        assertThat(html.select("a")).hasSize(2)
                .allSatisfy(a -> assertThat(a.attr("rel")).doesNotContain("nofollow"));
    }

    @Test
    void relativeLinksAreDroppedButTheirTextStays() {
        Document html = render("[our rules](/rules) and [elsewhere](//evil.example)");
        assertThat(html.select("a")).isEmpty();
        assertThat(html.text()).isEqualTo("our rules and elsewhere");
    }

    @Test
    void countsLinksOfEveryKind() {
        assertThat(markdown.countLinks("no links here")).isZero();
        assertThat(markdown.countLinks("[inline](https://a.example), <https://b.example> and https://c.example"))
                .isEqualTo(3);
        assertThat(markdown.countLinks("![image](https://a.example/i.png) and www.example.com")).isEqualTo(2);
        assertThat(markdown.countLinks("""
                [reference][r] and [linked ![image](https://a.example/i.png)](https://b.example)

                [r]: https://c.example
                """)).isEqualTo(3);
    }

    @Test
    void plainTextDropsMarkupAndCollapsesWhitespace() {
        String text = markdown.plainText("""
                # Title

                Some **bold**   and [a link](https://example.com).
                Next line with `code`.

                - one
                - two
                """);
        assertThat(text).isEqualTo("Title Some bold and a link. Next line with code. one two");
    }

    @Test
    void excerptCutsAtAWordBoundary() {
        String source = "The quick *brown* fox jumps over the lazy dog";
        assertThat(markdown.excerpt(source, 100)).isEqualTo("The quick brown fox jumps over the lazy dog");
        assertThat(markdown.excerpt(source, 18)).isEqualTo("The quick brown…");
        assertThat(markdown.excerpt(source, 16)).isEqualTo("The quick brown…");
        assertThat(markdown.excerpt(source, 15)).isEqualTo("The quick…");
        assertThat(markdown.excerpt("Supercalifragilistic", 6)).isEqualTo("Super…");
    }

    @Test
    void theTextOfStoredHtmlIsWhatThePlainTextOfItsMarkdownIs() {
        // Question pages read their structured data from the stored HTML, not the Markdown.
        for (String source : new String[] {
                "# Title\n\nSome **bold**   and [a link](https://example.com).\nNext line with `code`.\n\n- one\n- two",
                "Fish & chips <b>not bold</b> \"quoted\" 'single' 5 > 3 = true + @me `a<b`",
                "| a | b |\n|---|---|\n| x&y | z |\n\n> quoted\n\n```\nif (a < b) {}\n```",
                "Пиво и чешское pivo: žluťoučký kůň — 100 %"}) {
            assertThat(HtmlText.of(markdown.render(source, LinkPolicy.NOFOLLOW))).as(source)
                    .isEqualTo(markdown.plainText(source));
        }
    }
}
