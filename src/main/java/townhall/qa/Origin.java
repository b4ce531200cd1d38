package townhall.qa;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an imported post was first published, for its attribution line: the original's address, its author
 * there and its licence, such as "CC BY-SA 4.0".
 */
public record Origin(String url, String author, String license) {
    private static final Pattern CC = Pattern.compile("CC (BY(?:-SA|-NC|-ND|-NC-SA|-NC-ND)?) (\\d\\.\\d)");

    /** The original's site, such as {@code beer.stackexchange.com}. */
    public String site() {
        String host = URI.create(url).getHost();
        return host == null ? url : host;
    }

    /** The Creative Commons deed of the licence, or null when the licence is not one of theirs. */
    public String licenseUrl() {
        Matcher m = CC.matcher(license == null ? "" : license);
        return m.matches()
                ? "https://creativecommons.org/licenses/" + m.group(1).toLowerCase(Locale.ROOT) + "/" + m.group(2) + "/"
                : null;
    }

    /** The origin stored with a post, or null for a post written here. */
    static Origin of(String url, String author, String license) {
        return url == null ? null : new Origin(url, author, license);
    }
}
