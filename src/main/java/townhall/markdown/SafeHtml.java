package townhall.markdown;

import java.util.List;
import java.util.regex.Pattern;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/** The allow-list every piece of user HTML passes through before it is stored or shown. */
final class SafeHtml {
    private static final Pattern LINK_URL = Pattern.compile("(?i)(https?|mailto):.*", Pattern.DOTALL);
    /** Outside images pass here and become links ({@link ImagesAsLinks}); images uploaded to this site stay images. */
    private static final Pattern IMAGE_URL = Pattern.compile("(?i)https?:.*|" + ImagesAsLinks.LOCAL_IMAGE.pattern(),
            Pattern.DOTALL);
    private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+-]+");

    private static final PolicyFactory FOLLOW = allowList().toFactory();
    private static final PolicyFactory NOFOLLOW = allowList().requireRelsOnLinks("nofollow", "ugc").toFactory();

    private SafeHtml() {}

    static String sanitize(String html, LinkPolicy links) {
        StringBuilder out = new StringBuilder(html.length());
        HtmlStreamRenderer renderer = HtmlStreamRenderer.create(out, Handler.DO_NOTHING);
        List<String> rels = links == LinkPolicy.FOLLOW ? List.of() : List.of("nofollow", "ugc");
        HtmlSanitizer.sanitize(html, (links == LinkPolicy.FOLLOW ? FOLLOW : NOFOLLOW)
                .apply(new ImagesAsLinks(renderer, rels)));
        return out.toString();
    }

    private static HtmlPolicyBuilder allowList() {
        return new HtmlPolicyBuilder()
                .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
                        "table", "thead", "tbody", "tr", "th", "td", "a")
                .allowUrlProtocols("http", "https", "mailto")
                // The matchers also reject relative and protocol-relative URLs, which the protocol list lets through.
                .allowAttributes("href").matching(LINK_URL).onElements("a")
                .allowAttributes("title").onElements("a", "img")
                .allowAttributes("src").matching(IMAGE_URL).onElements("img")
                .allowAttributes("alt").onElements("img")
                .allowAttributes("start").matching(Pattern.compile("\\d{1,9}")).onElements("ol")
                .allowAttributes("align").matching(Pattern.compile("left|center|right")).onElements("th", "td")
                .allowAttributes("class").matching(CODE_LANGUAGE).onElements("code")
                .allowAttributes("type").matching(Pattern.compile("checkbox")).onElements("input")
                .allowAttributes("checked").onElements("input")
                // An image whose URL was refused would only show as a broken-image icon.
                .allowElements((name, attributes) -> hasAttribute(attributes, "src") ? name : null, "img")
                // Task-list checkboxes only: any other input is dropped, and the box is always read-only.
                .allowElements((name, attributes) -> {
                    if (!hasAttribute(attributes, "type")) return null; // its only allowed value is checkbox
                    attributes.addAll(List.of("disabled", "disabled"));
                    return name;
                }, "input");
    }

    /** The sanitizer hands element policies the already-filtered attributes as a flat name, value, … list. */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) return true;
        }
        return false;
    }
}
