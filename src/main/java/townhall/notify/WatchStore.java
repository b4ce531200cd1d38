package townhall.notify;

import static townhall.db.schema.Tables.NOTIFICATION_PREFS;
import static townhall.db.schema.Tables.WATCHES;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The watches and notification_prefs tables: what a member follows or silences, and how they want email. */
public final class WatchStore {
    public static final int WATCH = 1;
    public static final int MUTE = -1;

    private final DSLContext db;

    public WatchStore(DSLContext db) {
        this.db = db;
    }

    /** One watch or mute, as a member listed it: level 1 watches, -1 mutes. */
    public record Watch(Target target, long targetId, int level) {}

    /** Sets the level (1, -1), or removes the row (0). */
    public void set(long memberId, Target target, long targetId, int level, LocalDateTime now) {
        if (level == 0) {
            db.deleteFrom(WATCHES).where(WATCHES.MEMBER_ID.eq(memberId)).and(WATCHES.TARGET.eq(target.code()))
                    .and(WATCHES.TARGET_ID.eq(targetId)).execute();
            return;
        }
        db.insertInto(WATCHES).set(WATCHES.MEMBER_ID, memberId).set(WATCHES.TARGET, target.code())
                .set(WATCHES.TARGET_ID, targetId).set(WATCHES.WATCH_LEVEL, (byte) level).set(WATCHES.CREATED_AT, now)
                .onDuplicateKeyUpdate().set(WATCHES.WATCH_LEVEL, (byte) level).execute();
    }

    /** Watches unless the member already chose something for it (an earlier mute stays a mute). */
    public void watchIfUnset(long memberId, Target target, long targetId, LocalDateTime now) {
        db.insertInto(WATCHES).set(WATCHES.MEMBER_ID, memberId).set(WATCHES.TARGET, target.code())
                .set(WATCHES.TARGET_ID, targetId).set(WATCHES.WATCH_LEVEL, (byte) WATCH).set(WATCHES.CREATED_AT, now)
                .onDuplicateKeyIgnore().execute();
    }

    /** 1, -1, or 0 when the member chose nothing for it. */
    public int levelOf(long memberId, Target target, long targetId) {
        Byte level = db.select(WATCHES.WATCH_LEVEL).from(WATCHES).where(WATCHES.MEMBER_ID.eq(memberId))
                .and(WATCHES.TARGET.eq(target.code())).and(WATCHES.TARGET_ID.eq(targetId)).fetchOne(WATCHES.WATCH_LEVEL);
        return level == null ? 0 : level;
    }

    public List<Watch> of(long memberId) {
        return db.selectFrom(WATCHES).where(WATCHES.MEMBER_ID.eq(memberId))
                .orderBy(WATCHES.TARGET, WATCHES.CREATED_AT.desc())
                .fetch(r -> new Watch(Target.of(r.getTarget()).orElse(Target.QUESTION), r.getTargetId(), r.getWatchLevel()));
    }

    /** The member's delivery for every kind: their choice, else the kind's default. */
    public Map<Kind, Delivery> deliveries(long memberId) {
        Map<Kind, Delivery> all = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            all.put(kind, kind.byDefault());
        }
        db.selectFrom(NOTIFICATION_PREFS).where(NOTIFICATION_PREFS.MEMBER_ID.eq(memberId)).forEach(r ->
                Kind.of(r.getKind()).ifPresent(k -> Delivery.of(r.getDelivery()).ifPresent(d -> all.put(k, d))));
        return all;
    }

    public void setDelivery(long memberId, Kind kind, Delivery delivery) {
        db.insertInto(NOTIFICATION_PREFS).set(NOTIFICATION_PREFS.MEMBER_ID, memberId)
                .set(NOTIFICATION_PREFS.KIND, kind.code()).set(NOTIFICATION_PREFS.DELIVERY, delivery.code())
                .onDuplicateKeyUpdate().set(NOTIFICATION_PREFS.DELIVERY, delivery.code()).execute();
    }
}
