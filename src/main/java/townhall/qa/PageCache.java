package townhall.qa;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.web.Csrf;
import townhall.web.KeptPages;
import townhall.web.Web;

/**
 * The pages everyone reads (home, lists, questions) as anonymous visitors see them, kept for a minute
 * ({@code TOWNHALL_PAGE_CACHE_SECONDS}, 0 turns the cache off): a busy page is rendered once a minute rather than once
 * per visitor. Signed-in members always get a fresh page. A change to a question drops its kept page as soon as the
 * change commits, so the time to live only bounds how old a kept page's view count, relative times and list order
 * may be. A kept page is cut where the visitor's CSRF token goes; each visitor gets their own token there.
 */
public final class PageCache implements QaListener, KeptPages {
    /** Response header saying whether a page came from the cache: "hit" or "miss". */
    public static final String HEADER = "X-Townhall-Cache";
    private static final String KEY = "townhall.pageCacheKey";
    private static final String STARTED = "townhall.pageCacheStarted";
    private static final String PRIVATE = "townhall.pageCachePrivate";
    private static final long LISTS = -1;
    private static final long EVERYTHING = -2;
    /**
     * Bytes of kept pages, compressed: an eighth of the heap, at most 64 MB (some 13,000 question pages of 15 KB,
     * 4.5 KB compressed); 32 MB with the launcher's 256 MB heap.
     */
    private static final long MAX_BYTES = Math.min(64_000_000, Runtime.getRuntime().maxMemory() / 8);
    /**
     * How long a copy is kept at least: beyond twice the time to live it is served only while the database is down
     * ({@link #serveStale}), so that visitors keep reading during an outage.
     */
    private static final Duration OUTAGE_KEEP = Duration.ofMinutes(15);
    public static final String STALE = "stale";

    private final Cache<String, KeptPage> pages;
    /** Pages being rendered again after their copy went stale, so that only one request renders each. */
    private final Cache<String, Boolean> rendering;
    private final long timeToLiveNanos;
    /** Counts changes; with {@link #changedAt}, a page rendered from data read before a change is not kept. */
    private final AtomicLong changes = new AtomicLong();
    /** The count at the last change of each question ({@link #LISTS} for the lists), for as long as a render takes. */
    private final Cache<Long, Long> changedAt = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();
    private final Predicate<String> cacheable;
    private final ThreadLocal<Set<Long>> changedInTransaction = ThreadLocal.withInitial(HashSet::new);
    private volatile BiConsumer<Context, String> onHit = (ctx, path) -> { };
    private volatile Supplier<?> site = () -> "";

    /** {@code cacheable} says which site paths (without the base path) may be kept. */
    public PageCache(Duration timeToLive, Predicate<String> cacheable) {
        this.cacheable = cacheable;
        this.timeToLiveNanos = timeToLive.toNanos();
        // A copy is fresh for the time to live and kept as long again: while one request renders a stale page
        // anew, the others are served the stale copy instead of all rendering it at once.
        this.pages = timeToLive.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(max(timeToLive.multipliedBy(2), OUTAGE_KEEP))
                .maximumWeight(MAX_BYTES)
                .<String, KeptPage>weigher((key, kept) -> 2 * key.length() + kept.storedSize())
                .build();
        this.rendering = Caffeine.newBuilder().expireAfterWrite(timeToLive.isZero() ? Duration.ofSeconds(1) : timeToLive)
                .build();
    }

    /** The pages of the Q&A: home, question lists, tags, categories and questions. */
    public static PageCache forQa(Config config, Database database) {
        // development mode shows template changes at once
        Duration timeToLive = config.getBoolean(Setting.DEV) ? Duration.ZERO
                : Duration.ofSeconds(config.getInt(Setting.PAGE_CACHE_SECONDS));
        PageCache cache = new PageCache(timeToLive,
                path -> path.equals("/") || path.equals("/questions") || path.equals("/tags")
                        || path.startsWith("/tags/") || path.startsWith("/c/") || path.startsWith("/q/"));
        database.listen(cache.afterCommit());
        return cache;
    }

    /**
     * What every page shows besides its own content, such as the brand settings: a kept page is served only while
     * this stays equal, so a new logo or theme shows on every node as soon as that node reads it.
     */
    public void varyBy(Supplier<?> siteLook) {
        this.site = siteLook;
    }

    /** What else a served page counts, such as a question's view: given the request and its site path. */
    public void onHit(BiConsumer<Context, String> action) {
        this.onHit = action;
    }

    /**
     * Before the route: serves a kept page when this request may have one, and skips the route; otherwise marks
     * the request so that {@link #rendered} keeps what it renders.
     */
    @Override
    public void before(Context ctx, Locale locale) {
        if (pages == null || ctx.method() != HandlerType.GET || Web.viewer(ctx) != null) {
            return;
        }
        String path = Web.sitePath(ctx);
        if (!cacheable.test(path)) {
            return;
        }
        String key = key(ctx, path, locale);
        KeptPage kept = pages.getIfPresent(key);
        long age = kept == null ? 0 : System.nanoTime() - kept.keptAt();
        if (age > 2 * timeToLiveNanos) {
            kept = null; // kept only for an outage
        }
        boolean stale = kept != null && age > timeToLiveNanos;
        if (kept == null || (stale && rendering.asMap().putIfAbsent(key, Boolean.TRUE) == null)) {
            ctx.attribute(KEY, key);
            ctx.attribute(STARTED, changes.get());
            ctx.header(HEADER, "miss");
            return;
        }
        serve(ctx, path, kept, "hit");
        ctx.skipRemainingHandlers();
    }

    private void serve(Context ctx, String path, KeptPage kept, String how) {
        ctx.header(HEADER, how);
        ctx.contentType(ContentType.TEXT_HTML);
        if (Web.acceptsGzip(ctx)) {
            ctx.header(Header.CONTENT_ENCODING, "gzip").result(kept.gzippedWithToken(Csrf.token(ctx)));
        } else {
            ctx.result(kept.withToken(Csrf.token(ctx)));
        }
        onHit.accept(ctx, path);
    }

    @Override
    public boolean serveStale(Context ctx, Locale locale) {
        if (pages == null || ctx.method() != HandlerType.GET || Web.viewer(ctx) != null) {
            return false;
        }
        String path = Web.sitePath(ctx);
        KeptPage kept = cacheable.test(path) ? pages.getIfPresent(key(ctx, path, locale)) : null;
        if (kept == null) {
            return false;
        }
        ctx.status(200);
        serve(ctx, path, kept, STALE);
        return true;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Marks the page being rendered as one not for everyone (a question or list of a restricted category): it is
     * never kept, whoever renders it, so that no visitor is ever served it from the cache.
     */
    public static void doNotKeep(Context ctx) {
        ctx.attribute(PRIVATE, Boolean.TRUE);
    }

    /** After a page rendered: keeps it when the request was marked and the page is a success. */
    @Override
    public void rendered(Context ctx, String html) {
        String key = ctx.attribute(KEY);
        if (key != null && ctx.status().getCode() == 200 && ctx.attribute(PRIVATE) == null
                && !changedSince(ctx.attribute(STARTED), Web.sitePath(ctx))) {
            pages.put(key, KeptPage.of(html, Csrf.token(ctx), System.nanoTime()));
        }
        if (key != null) {
            rendering.invalidate(key);
        }
    }

    /** Whether what the page shows changed after its render began, so that it may show the old data. */
    private boolean changedSince(long started, String path) {
        long subject = QuestionLinks.questionOf(path).orElse(LISTS);
        Long changed = changedAt.getIfPresent(subject);
        Long everything = changedAt.getIfPresent(EVERYTHING);
        return changed != null && changed > started || everything != null && everything > started;
    }

    /** Drops the kept pages of a question ({@link #LISTS}: the home page and the lists). */
    private void forget(long questionId) {
        changedAt.put(questionId, changes.incrementAndGet());
        if (pages != null && questionId == EVERYTHING) {
            pages.invalidateAll();
        } else if (pages != null && questionId == LISTS) {
            pages.asMap().keySet().removeIf(key -> !key.contains("|/q/"));
        } else if (pages != null) {
            String page = "|/q/" + questionId;
            pages.asMap().keySet().removeIf(key -> key.endsWith(page) || key.contains(page + "/")
                    || key.contains(page + "?"));
        }
    }

    private String key(Context ctx, String path, Locale locale) {
        String query = ctx.queryString();
        return site.get().hashCode() + "|" + locale.toLanguageTag() + "|" + Web.publicBase(ctx) + "|" + path
                + (query == null ? "" : "?" + query);
    }

    // The listener hears changes inside their transaction: they are collected, and the question's pages dropped
    // once the transaction ends; a render that began before that is not kept (see changedSince).

    @Override
    public void posted(PostStore.PostInfo post) {
        changed(post.questionId());
        if (post.isQuestion()) {
            changed(LISTS); // a new question shows at the top of the lists at once; other changes catch up there
        }
    }

    @Override
    public void questionChanged(long questionId) {
        changed(questionId);
    }

    @Override
    public void categoryChanged(long categoryId) {
        everythingChanged();
    }

    @Override
    public void commented(PostStore.PostInfo post) {
        changed(post.questionId());
    }

    /**
     * What the home page and the lists show changed without a question changing (an announcement pinned there):
     * their kept copies are dropped when the transaction ends.
     */
    public void listsChanged() {
        changed(LISTS);
    }

    /**
     * Who may see what changed (a category's visibility), or what many pages show (a new product version outdates
     * verified answers): every kept page is dropped when the transaction ends.
     */
    public void everythingChanged() {
        changed(EVERYTHING);
    }

    private void changed(long questionId) {
        changedInTransaction.get().add(questionId);
    }

    private TransactionListener afterCommit() {
        return new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                forgetChanged();
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                forgetChanged();
            }
        };
    }

    private void forgetChanged() {
        Set<Long> changed = changedInTransaction.get();
        changed.forEach(this::forget);
        changed.clear();
    }
}
