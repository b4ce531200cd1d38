package townhall.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

final class HtmlAssertions {
    private HtmlAssertions() {}

    /** No element, attribute or URL in the page can run script. */
    static void assertInert(Document html) {
        assertThat(html.select("script, iframe, svg, object, embed, style, form")).isEmpty();
        for (Element element : html.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey()).doesNotStartWithIgnoringCase("on");
                // Browsers ignore whitespace and control characters inside a URL scheme.
                assertThat(attribute.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT))
                        .doesNotStartWith("javascript:")
                        .doesNotStartWith("data:")
                        .doesNotStartWith("vbscript:");
            }
        }
    }
}
