package townhall.web;

import java.util.regex.Pattern;

/** What members type, made fit to keep: every service that stores member text cleans it here first. */
public final class Texts {
    /** C0 and C1 control characters (NUL, ESC, DEL, U+0080 to U+009F) other than tab and line feed. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n]]");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?|[\\u2028\\u2029]");

    private Texts() {}

    /**
     * Drops control characters; line breaks become {@code \n} in multi-line text ({@code keepNewlines}) and a space
     * elsewhere, as do tabs.
     */
    public static String clean(String text, boolean keepNewlines) {
        if (text == null) {
            return "";
        }
        String lines = CONTROL.matcher(LINE_BREAKS.matcher(text).replaceAll("\n")).replaceAll("");
        return keepNewlines ? lines : lines.replace('\n', ' ').replace('\t', ' ');
    }

    /** One line (a title, a comment, a name): cleaned, white space runs made one space, trimmed. */
    public static String line(String text) {
        return WHITE_SPACE.matcher(clean(text, false)).replaceAll(" ").strip();
    }
}
