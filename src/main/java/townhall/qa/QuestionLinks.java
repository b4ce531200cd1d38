package townhall.qa;

import com.github.slugify.Slugify;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical question addresses: {@code /q/{id}/{slug}}. */
public final class QuestionLinks {
    private static final Slugify TRANSLITERATING = Slugify.builder().transliterator(true).build();
    /** ICU transliteration costs about a millisecond a title; plain ASCII titles need none of it. */
    private static final Slugify ASCII = Slugify.builder().build();

    private static final Pattern QUESTION_PATH = Pattern.compile("/q/(\\d{1,18})(/.*)?");

    private QuestionLinks() {}

    /** The question a site path such as /q/12/some-title shows, if it shows one. */
    public static OptionalLong questionOf(String path) {
        Matcher question = QUESTION_PATH.matcher(path);
        return question.matches() ? OptionalLong.of(Long.parseLong(question.group(1)))
                : OptionalLong.empty();
    }

    public static String path(long id, String slug) {
        return "/q/" + id + "/" + slug;
    }

    /** A readable, URL-safe slug; non-Latin titles are transliterated ("Подключение" becomes "podkliuchenie"). */
    public static String slugOf(String title) {
        String slug = (title.chars().allMatch(c -> c < 128) ? ASCII : TRANSLITERATING).slugify(title);
        if (slug.length() > 80) {
            slug = slug.substring(0, 80);
            int dash = slug.lastIndexOf('-');
            if (dash > 40) {
                slug = slug.substring(0, dash);
            }
        }
        return slug.isEmpty() ? "question" : slug;
    }
}
