package townhall.importer;

import com.ibm.icu.text.Transliterator;
import java.util.regex.Pattern;

/**
 * Turns a display name from another site into a Townhall username (3 to 32 of {@code A-Z a-z 0-9 _ . -}, starting
 * with a letter or digit): letters of other scripts are transliterated, spaces become underscores, anything
 * else is dropped. Not thread-safe (the transliterator is not).
 */
final class Usernames {
    static final int MAX = 32;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern SEPARATORS = Pattern.compile("([_.-])[_.-]+");
    private static final Pattern EDGES = Pattern.compile("^[_.-]+|[_.-]+$");

    private final Transliterator toAscii = Transliterator.getInstance("Any-Latin; Latin-ASCII");

    /** The username to try first for a member; {@code fallbackId} fills in when little of the name is left. */
    String base(String displayName, long fallbackId) {
        String name = displayName == null ? "" : displayName.strip();
        if (!isAscii(name)) {
            name = toAscii.transliterate(name);
        }
        name = NOT_ALLOWED.matcher(name.replaceAll("\\s+", "_")).replaceAll("");
        name = EDGES.matcher(SEPARATORS.matcher(name).replaceAll("$1")).replaceAll("");
        if (name.isEmpty()) {
            return "user" + Math.abs(fallbackId);
        }
        if (name.length() < 3) {
            return withSuffix(name, "-" + Math.abs(fallbackId));
        }
        return cut(name, MAX);
    }

    /** The base with the suffix after it, shortened so the whole stays within 32 characters. */
    static String withSuffix(String base, String suffix) {
        return cut(base, MAX - suffix.length()) + suffix;
    }

    private static String cut(String name, int max) {
        if (name.length() <= max) return name;
        return EDGES.matcher(name.substring(0, max)).replaceAll("");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) return false;
        }
        return true;
    }
}
