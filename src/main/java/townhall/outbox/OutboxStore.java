package townhall.outbox;

import static townhall.db.schema.Tables.OUTBOX;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The outbox table. */
public final class OutboxStore {
    private final DSLContext db;

    public OutboxStore(DSLContext db) {
        this.db = db;
    }

    void insert(String topic, long refId, String payload, LocalDateTime now) {
        db.insertInto(OUTBOX)
                .set(OUTBOX.TOPIC, topic)
                .set(OUTBOX.REF_ID, refId)
                .set(OUTBOX.PAYLOAD, payload)
                .set(OUTBOX.CREATED_AT, now)
                .execute();
    }

    /** The oldest entries of a topic that are due: new ones, and failed ones whose pause is over. */
    List<OutboxEntry> due(String topic, LocalDateTime now, int limit) {
        return db.selectFrom(OUTBOX)
                .where(OUTBOX.TOPIC.eq(topic)).and(OUTBOX.FAILED_AT.isNull())
                .and(OUTBOX.NEXT_ATTEMPT_AT.isNull().or(OUTBOX.NEXT_ATTEMPT_AT.le(now)))
                .orderBy(OUTBOX.ID).limit(limit)
                .fetch(OutboxStore::entry);
    }

    void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            db.deleteFrom(OUTBOX).where(OUTBOX.ID.in(ids)).execute();
        }
    }

    long lastId(String topic) {
        Long max = db.select(DSL.max(OUTBOX.ID)).from(OUTBOX).where(OUTBOX.TOPIC.eq(topic)).fetchOne().value1();
        return max == null ? 0 : max;
    }

    void deleteUpTo(String topic, long id) {
        db.deleteFrom(OUTBOX).where(OUTBOX.TOPIC.eq(topic)).and(OUTBOX.ID.le(id)).execute();
    }

    /** Records a failed attempt: tried again at {@code retryAt}, or given up when that is null. */
    void failed(Collection<Long> ids, String error, LocalDateTime retryAt, LocalDateTime now) {
        db.update(OUTBOX)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .set(OUTBOX.NEXT_ATTEMPT_AT, retryAt)
                .set(OUTBOX.FAILED_AT, retryAt == null ? now : null)
                .where(OUTBOX.ID.in(ids)).execute();
    }

    /** Entries that failed at least once, given up or still being tried, newest first. */
    public List<OutboxEntry> troubled(int limit) {
        return db.selectFrom(OUTBOX).where(OUTBOX.ATTEMPTS.gt(0))
                .orderBy(OUTBOX.FAILED_AT.isNull(), OUTBOX.ID.desc()).limit(limit)
                .fetch(OutboxStore::entry);
    }

    /** {@code oldestWaiting}: when the oldest entry not given up was written, or null when none waits. */
    public record TopicCounts(String topic, int waiting, int retrying, int failed, LocalDateTime oldestWaiting) {}

    public List<TopicCounts> counts() {
        var failed = DSL.count().filterWhere(OUTBOX.FAILED_AT.isNotNull());
        var retrying = DSL.count().filterWhere(OUTBOX.FAILED_AT.isNull().and(OUTBOX.ATTEMPTS.gt(0)));
        var oldest = DSL.min(DSL.when(OUTBOX.FAILED_AT.isNull(), OUTBOX.CREATED_AT));
        return db.select(OUTBOX.TOPIC, DSL.count(), retrying, failed, oldest).from(OUTBOX).groupBy(OUTBOX.TOPIC)
                .orderBy(OUTBOX.TOPIC)
                .fetch(r -> new TopicCounts(r.value1(), r.value2() - r.value3() - r.value4(), r.value3(), r.value4(),
                        r.value5()));
    }

    /** Makes an entry due at once with a fresh count of attempts; returns its topic, if it exists. */
    public Optional<String> retry(long id) {
        String topic = db.select(OUTBOX.TOPIC).from(OUTBOX).where(OUTBOX.ID.eq(id)).fetchOne(OUTBOX.TOPIC);
        db.update(OUTBOX).set(OUTBOX.ATTEMPTS, 0).setNull(OUTBOX.NEXT_ATTEMPT_AT).setNull(OUTBOX.FAILED_AT)
                .where(OUTBOX.ID.eq(id)).execute();
        return Optional.ofNullable(topic);
    }

    public boolean discard(long id) {
        return db.deleteFrom(OUTBOX).where(OUTBOX.ID.eq(id)).execute() > 0;
    }

    /** The failing entries of a topic that stand for the given things (mail messages), by what they stand for. */
    public Map<Long, OutboxEntry> troubledByRef(String topic, Collection<Long> refIds) {
        if (refIds.isEmpty()) {
            return Map.of();
        }
        return db.selectFrom(OUTBOX).where(OUTBOX.TOPIC.eq(topic)).and(OUTBOX.REF_ID.in(refIds))
                .and(OUTBOX.ATTEMPTS.gt(0))
                .fetch(OutboxStore::entry).stream()
                .collect(Collectors.toMap(OutboxEntry::refId, entry -> entry, (first, second) -> first));
    }

    private static OutboxEntry entry(Record r) {
        var row = r.into(OUTBOX);
        return new OutboxEntry(row.getId(), row.getTopic(), row.getRefId(), row.getPayload(), row.getCreatedAt(),
                row.getAttempts(), row.getNextAttemptAt(), row.getLastError(), row.getFailedAt());
    }
}
