package townhall.insight;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Query;
import townhall.db.BufferedWriter;
import townhall.web.Web;

/**
 * Counts visitors without cookies or third-party scripts: a visitor of a day is the SHA-256 of that day's secret
 * salt, the client's address and its User-Agent. Only the hash is written (in a batch, off the request thread); the
 * salt is kept in the database for the day, shared by every node, and deleted with the day's hashes once the day is
 * counted, so nobody can later tell who visited. The same hash, with the question added, names a visitor who says
 * whether an answer solved their problem.
 */
public final class Visitors implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Visitors.class);
    private static final int MAX_QUEUED = 200_000;

    private final InsightStore background;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final BufferedWriter.Queue<Query> queue = new BufferedWriter.Queue<>(MAX_QUEUED);
    /**
     * Visitors already counted today (their hash names the day): a reader's next pages write nothing. A visitor
     * pushed out by many others is written again, which the table ignores.
     */
    private final Cache<String, Boolean> countedToday = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(24)).maximumSize(50_000).build();
    private final BufferedWriter<Query> writer;
    private final DSLContext db;
    private volatile LocalDate saltDay;
    private volatile String salt;

    public Visitors(DSLContext background, Clock clock, Duration flushEvery) {
        this.db = background;
        this.background = new InsightStore(background);
        this.clock = clock;
        this.writer = new BufferedWriter<>("insight-visitors", background, flushEvery, 3, queue, insert -> insert);
    }

    /** Counts the request's visitor for today, if it is a page a person reads. */
    public void seen(Context ctx) {
        if (ctx.method() != HandlerType.GET || !counted(ctx)) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        try {
            String visitor = hash(today, ctx, "");
            if (countedToday.asMap().putIfAbsent(visitor, Boolean.TRUE) == null) {
                queue.add(db.query("INSERT IGNORE INTO insight_visits (day, visitor) VALUES (?, ?)", today,
                        visitor));
            }
        } catch (RuntimeException e) { // the day's salt could not be read (the database is away): a visit uncounted
            log.debug("A visitor was not counted: {}", e.toString());
        }
    }

    /** A visitor's name for today, with {@code extra} (such as a question id) added before hashing. */
    public String visitor(Context ctx, String extra) {
        return hash(LocalDate.now(clock), ctx, extra);
    }

    private static boolean counted(Context ctx) {
        String path = Web.sitePath(ctx);
        if (path.startsWith("/static/") || path.startsWith("/brand/") || path.startsWith("/uploads/")
                || path.startsWith("/api/") || path.startsWith("/health") || path.equals("/metrics")
                || path.startsWith("/admin/") || path.endsWith(".xml") || path.endsWith(".json")) {
            return false;
        }
        String agent = String.valueOf(ctx.userAgent()).toLowerCase(Locale.ROOT);
        return !(agent.contains("bot") || agent.contains("crawler") || agent.contains("spider"));
    }

    private String hash(LocalDate day, Context ctx, String extra) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(saltOf(day).getBytes(StandardCharsets.US_ASCII));
            sha.update(("|" + Web.clientIp(ctx) + "|" + ctx.userAgent() + "|" + extra).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String saltOf(LocalDate day) {
        if (!day.equals(saltDay)) {
            synchronized (this) {
                if (!day.equals(saltDay)) {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    salt = background.salt(day, HexFormat.of().formatHex(bytes));
                    saltDay = day;
                }
            }
        }
        return salt;
    }

    /** Writes what is queued; returns how many rows. */
    public int flush() {
        return writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
