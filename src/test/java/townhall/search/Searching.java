package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.jsoup.nodes.Document;
import townhall.support.WebClient;

/** Searching as a person does, and waiting (briefly, bounded) for the index to catch up with a write. */
public final class Searching {
    private Searching() {}

    public static Document search(WebClient browser, String query) {
        return page(browser, "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    public static Document page(WebClient browser, String path) {
        WebClient.Response response = browser.get(path);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.html();
    }

    /** The result titles of a search page, in order. */
    public static List<String> titles(Document page) {
        return page.select(".search-results .result-title").eachText();
    }

    /** Repeats the search until its result titles satisfy the condition, for up to three seconds. */
    public static List<String> awaitTitles(WebClient browser, String path, Predicate<List<String>> condition) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<String> titles;
        do {
            titles = titles(page(browser, path));
            if (condition.test(titles)) {
                return titles;
            }
            sleep(25);
        } while (System.nanoTime() < deadline);
        return titles;
    }

    public static List<String> awaitSearch(WebClient browser, String query, Predicate<List<String>> condition) {
        return awaitTitles(browser, "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), condition);
    }

    /** Waits up to three seconds for the condition. */
    public static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        do {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(25);
        } while (System.nanoTime() < deadline);
        return condition.getAsBoolean();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
