package townhall.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.markdown.HtmlAssertions.assertInert;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list on its own, fed raw HTML that the Markdown renderer would already have escaped. */
class SafeHtmlTest {
    private static Document sanitize(String html, LinkPolicy links) {
        return Jsoup.parseBodyFragment(SafeHtml.sanitize(html, links));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<style>body{display:none}</style><p style=\"color:red\">x</p>",
        "<form action=\"https://evil.example\"><input type=\"submit\"></form>",
        "<p onclick=\"alert(1)\">x</p>",
    })
    void scriptingPayloadsComeOutInert(String payload) {
        for (LinkPolicy links : LinkPolicy.values()) {
            Document html = sanitize(payload, links);
            assertInert(html);
            assertThat(html.select("[style], input[type=submit]")).isEmpty();
        }
    }

    @Test
    void onlyDisabledCheckboxesSurvive() {
        Document html = sanitize("<input type=\"text\" value=\"x\"><input type=\"checkbox\" checked>", LinkPolicy.FOLLOW);
        assertThat(html.select("input")).singleElement().satisfies(box -> {
            assertThat(box.attr("type")).isEqualTo("checkbox");
            assertThat(box.hasAttr("checked")).isTrue();
            assertThat(box.hasAttr("disabled")).isTrue();
            assertThat(box.hasAttr("value")).isFalse();
        });
    }

    @Test
    void onlyLanguageClassesSurviveOnCode() {
        Document html = sanitize(
                "<code class=\"language-c++\">a</code><code class=\"evil x\">b</code><p class=\"language-java\">c</p>",
                LinkPolicy.FOLLOW);
        assertThat(html.select("[class]").eachAttr("class")).containsExactly("language-c++");
    }

    @Test
    void imagesWithRefusedUrlsDisappear() {
        assertThat(sanitize("<img src=\"javascript:alert(1)\" alt=\"x\"><img src=\"/local.png\">", LinkPolicy.FOLLOW)
                .select("img")).isEmpty();
    }

    @Test
    void followDropsAnyRelTheSourceCarried() {
        Document html = sanitize("<a href=\"https://example.com\" rel=\"me\" target=\"_blank\">x</a>", LinkPolicy.FOLLOW);
        assertThat(html.select("a")).singleElement().satisfies(a -> {
            assertThat(a.hasAttr("rel")).isFalse();
            assertThat(a.hasAttr("target")).isFalse();
        });
    }
}
