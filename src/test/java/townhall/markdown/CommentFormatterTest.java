package townhall.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.markdown.HtmlAssertions.assertInert;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommentFormatterTest {
    private final CommentFormatter comments = new CommentFormatter();

    @Test
    void htmlShowsLiterallyAndUrlsBecomeNofollowLinks() {
        String html = comments.format("<b>hi</b> see https://example.com/a?b=1&c=2");
        Document page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("b")).isEmpty();
        assertThat(page.text()).isEqualTo("<b>hi</b> see https://example.com/a?b=1&c=2");
        Element link = page.selectFirst("a");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("https://example.com/a?b=1&c=2");
        assertThat(link.attr("rel")).isEqualTo("nofollow ugc");
        assertThat(html).contains("&amp;c").doesNotContainPattern("&(?!\\w+;|#\\d+;)"); // no bare &
    }

    @Test
    void lineBreaksBecomeSpaces() {
        assertThat(comments.format("first line\r\nsecond\n\nthird")).isEqualTo("first line second third");
    }

    @Test
    void onlyHttpUrlsAreLinked() {
        Document page = Jsoup.parseBodyFragment(
                comments.format("ftp://files.example javascript://x.example/%0aalert(1) HTTPS://EXAMPLE.COM"));
        assertThat(page.select("a").eachAttr("href")).containsExactly("HTTPS://EXAMPLE.COM");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "https://example.com/\"onmouseover=\"alert(1)",
        "https://example.com/<script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
    })
    void scriptingPayloadsComeOutInert(String payload) {
        Document page = Jsoup.parseBodyFragment(comments.format(payload));
        assertInert(page);
        assertThat(page.select("b, img, script")).isEmpty();
    }
}
