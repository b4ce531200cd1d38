package townhall.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The forms of a name that count as the same name: whatever case, accents or punctuation a spelling uses. */
public final class Names {
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern PUNCTUATION = Pattern.compile("[._-]");

    private Names() {}

    /** Lower case without accents, as the database's collation compares: {@code PRÍYA} and {@code priya} are one. */
    public static String folded(String name) {
        String decomposed = Normalizer.normalize(name.trim(), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The key no two usernames share: folded, and {@code .}, {@code _} and {@code -} left out ({@code sam.staff} is {@code samstaff}). */
    public static String usernameKey(String username) {
        return PUNCTUATION.matcher(folded(username)).replaceAll("");
    }
}
