package townhall.markdown;

import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Pattern;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;
import org.nibor.autolink.Span;

/**
 * Formats a short plain-text comment as one line of safe HTML: everything is shown literally,
 * except that http(s) URLs become nofollow links. Thread-safe.
 */
public final class CommentFormatter {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final LinkExtractor urls = LinkExtractor.builder().linkTypes(EnumSet.of(LinkType.URL)).build();

    /** HTML safe to insert into a page unescaped. */
    public String format(String comment) {
        String text = WHITESPACE.matcher(comment).replaceAll(" ").strip();
        var html = new StringBuilder();
        for (Span span : urls.extractSpans(text)) {
            String part = text.substring(span.getBeginIndex(), span.getEndIndex());
            if (span instanceof LinkSpan && isHttp(part)) {
                html.append("<a href=\"").append(escape(part)).append("\">").append(escape(part)).append("</a>");
            } else {
                html.append(escape(part));
            }
        }
        return SafeHtml.sanitize(html.toString(), LinkPolicy.NOFOLLOW);
    }

    // The extractor finds any scheme followed by "://", javascript:// included.
    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
