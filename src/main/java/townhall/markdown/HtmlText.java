package townhall.markdown;

import java.util.Locale;
import java.util.Set;

/**
 * The text a reader sees in sanitized HTML, on one line. Sanitized HTML is regular (every tag closed where it
 * should be, every {@code <} in text escaped), so a plain scan that drops tags and decodes character references
 * reads it correctly, at a fraction of the cost of parsing it again.
 */
public final class HtmlText {
    private static final Set<String> BREAKS = Set.of("p", "br", "div", "li", "ul", "ol", "pre", "blockquote",
            "h1", "h2", "h3", "h4", "h5", "h6", "hr", "tr", "td", "th", "table", "dd", "dt");

    private HtmlText() {}

    /** The text of HTML that went through the sanitizer. */
    public static String of(String sanitizedHtml) {
        String html = sanitizedHtml;
        var text = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) break;
                int nameStart = i + 1 + (i + 1 < html.length() && html.charAt(i + 1) == '/' ? 1 : 0);
                int nameEnd = nameStart;
                while (nameEnd < end && Character.isLetterOrDigit(html.charAt(nameEnd))) nameEnd++;
                if (BREAKS.contains(html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT))) text.append(' ');
                i = end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String decoded = end < 0 || end - i > 10 ? null : decode(html.substring(i + 1, end));
                if (decoded == null) {
                    text.append(c);
                    i++;
                } else {
                    text.append(decoded);
                    i = end + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        return collapseWhitespace(text);
    }

    private static String decode(String reference) {
        if (reference.startsWith("#")) {
            try {
                int code = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X')
                        ? Integer.parseInt(reference.substring(2), 16) : Integer.parseInt(reference.substring(1));
                return Character.isValidCodePoint(code) ? Character.toString(code) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return switch (reference) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> null;
        };
    }

    /** Runs of white space (Unicode's, no-break spaces included) as one space, none at either end. */
    static String collapseWhitespace(CharSequence text) {
        var out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text cut at a word boundary to at most {@code maxChars} characters, with "…" if it was cut. */
    public static String excerpt(String text, int maxChars) {
        if (maxChars < 1) throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        if (text.length() <= maxChars) return text;
        int end = maxChars - 1; // room for the ellipsis
        int lastSpace = text.lastIndexOf(' ', end);
        if (lastSpace > 0) {
            end = lastSpace;
        } else if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // one long word: cut inside it, but not inside a character
        }
        return text.substring(0, end).stripTrailing() + "…";
    }
}
