package townhall.home;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.reputation.ReputationStore;

/**
 * What the home page shows beside the newest questions: the community's figures, the FAQ entries and solved
 * questions that help most, this month's top helpers and the size of each category. Each costs a scan of the
 * posts, so they are read at most every few minutes, in the background once first read: a busy home page never
 * waits for them, and a rendered page does a fixed number of queries.
 */
public final class HomeHighlights {
    private static final Logger log = LoggerFactory.getLogger(HomeHighlights.class);
    static final int SHOWN = 5;
    private static final Duration FRESH_FOR = Duration.ofMinutes(5);

    private final HomeStore store;
    private final ReputationStore reputation;
    private final Clock clock;
    private final AsyncLoadingCache<String, Highlights> cache;
    /** When the first reading (or the one after {@link #forget}) began: views wait for it until {@link #WAIT} after. */
    private volatile long readingSince = System.nanoTime();

    /** {@code medianFirstAnswer} is null while no question of the last year has an answer. */
    public record Figures(int answered, Duration medianFirstAnswer, int helpers) {}

    /** {@code ready} false: the first reading is not done yet, and the page goes without them (see {@link #current}). */
    public record Highlights(Figures figures, List<HomeStore.Link> faq, List<HomeStore.Link> solved,
                             List<ReputationStore.Leader> topHelpers, Map<Long, Integer> questionsPerCategory,
                             boolean ready) {}

    private static final Highlights WHILE_READING = new Highlights(new Figures(0, null, 0), List.of(), List.of(),
            List.of(), Map.of(), false);
    /** How long a view waits for a reading under way: a small community's take milliseconds, a million posts' seconds. */
    private static final Duration WAIT = Duration.ofSeconds(2);

    public HomeHighlights(HomeStore store, ReputationStore reputation, Clock clock) {
        this.store = store;
        this.reputation = reputation;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().refreshAfterWrite(FRESH_FOR).buildAsync(key -> read());
    }

    /**
     * The highlights, read at most every 5 minutes in the background; the first reading (seconds at a million posts)
     * is waited for up to 2 s, then the page goes without them until it is done.
     */
    public Highlights current() {
        long waitNanos = readingSince + WAIT.toNanos() - System.nanoTime();
        try {
            CompletableFuture<Highlights> reading = cache.get("home");
            return waitNanos <= 0 ? reading.getNow(WHILE_READING) : reading.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return WHILE_READING;
        } catch (ExecutionException e) {
            cache.synchronous().invalidateAll(); // read again at the next view
            throw new IllegalStateException("The home page's highlights could not be read", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WHILE_READING;
        }
    }

    /** Starts the first reading, so that the first view need not wait. */
    public void readInTheBackground() {
        cache.get("home");
    }

    /** Reads them again at the next view (after a change the page must show at once, and in tests). */
    public void forget() {
        readingSince = System.nanoTime();
        cache.synchronous().invalidateAll();
    }

    private Highlights read() {
        long started = System.nanoTime();
        LocalDateTime now = LocalDateTime.now(clock);
        Highlights read = new Highlights(
                new Figures(store.answeredQuestions(), median(store.secondsToFirstAnswer(now.minusYears(1))),
                        store.helpers()),
                store.mostOpenedFaq(now.minusDays(90), SHOWN),
                store.mostReadSolved(SHOWN),
                reputation.topByMarkedAnswers(now.minusDays(30), null, SHOWN),
                store.questionsPerCategory(), true);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > 1_000) {
            log.info("The home page's highlights were read in {} ms", millis);
        }
        return read;
    }

    static Duration median(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        long value = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Duration.ofSeconds(value);
    }
}
