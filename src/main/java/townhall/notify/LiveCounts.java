package townhall.notify;

import static townhall.db.schema.Tables.NOTIFICATIONS;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;

/**
 * Who has a page open and waits for their unread count (server-sent events): after each fan-out, those of them
 * that just got a notification are woken, found with one query over the open connections, never over recipients.
 */
public final class LiveCounts implements AutoCloseable {
    private final DSLContext db;
    private final Map<Long, AtomicLong> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LiveCounts(DSLContext db) {
        this.db = db;
    }

    /** The member's change counter: a waiter compares it before and after {@link #await}. */
    long version(long memberId) {
        return waiting.computeIfAbsent(memberId, id -> new AtomicLong()).get();
    }

    /** Waits until the member's counter moves past {@code seen}, at most {@code millis}; false once closing. */
    boolean await(long memberId, long seen, long millis) throws InterruptedException {
        AtomicLong counter = waiting.computeIfAbsent(memberId, id -> new AtomicLong());
        long until = System.currentTimeMillis() + millis;
        synchronized (counter) {
            while (!closed && counter.get() == seen) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                counter.wait(left);
            }
        }
        return !closed;
    }

    /** Wakes the open pages of these members (a mark read on another tab, say). */
    public void changed(Collection<Long> memberIds) {
        for (Long id : memberIds) {
            AtomicLong counter = waiting.get(id);
            if (counter != null) {
                synchronized (counter) {
                    counter.incrementAndGet();
                    counter.notifyAll();
                }
            }
        }
    }

    void notifyRecipientsOf(Collection<Long> events) {
        Set<Long> open = Set.copyOf(waiting.keySet());
        if (open.isEmpty() || events.isEmpty()) {
            return;
        }
        changed(db.selectDistinct(NOTIFICATIONS.MEMBER_ID).from(NOTIFICATIONS)
                .where(NOTIFICATIONS.EVENT_ID.in(events)).and(NOTIFICATIONS.MEMBER_ID.in(open))
                .fetch(NOTIFICATIONS.MEMBER_ID));
    }

    boolean closed() { return closed; }

    @Override
    public void close() {
        closed = true;
        waiting.values().forEach(counter -> {
            synchronized (counter) {
                counter.notifyAll();
            }
        });
    }
}
