package townhall.ideas;

import static townhall.db.schema.Tables.ANNOUNCEMENTS;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.MEMBERS;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;
import townhall.db.schema.tables.Members;
import townhall.qa.Audience;
import townhall.qa.Author;

/** Announcements and events in the database. */
public final class AnnouncementStore {
    private static final Members AUTHOR = MEMBERS.as("author");

    private final DSLContext db;

    public AnnouncementStore(DSLContext db) {
        this.db = db;
    }

    /** What the database holds of an announcement, times in UTC. */
    public record Row(Long categoryId, String title, String slug, String bodyMd, String bodyHtml,
                      LocalDateTime pinnedUntil, LocalDateTime startsAt, LocalDateTime endsAt, String timeZone,
                      String place, String link) {}

    private org.jooq.SelectOnConditionStep<Record> select() {
        return db.select(List.<SelectFieldOrAsterisk>of(ANNOUNCEMENTS.asterisk(), CATEGORIES.NAME, CATEGORIES.SLUG,
                        AUTHOR.ID, AUTHOR.USERNAME, AUTHOR.ROLE, AUTHOR.HELPER))
                .from(ANNOUNCEMENTS)
                .join(AUTHOR).on(AUTHOR.ID.eq(ANNOUNCEMENTS.AUTHOR_ID))
                .leftJoin(CATEGORIES).on(CATEGORIES.ID.eq(ANNOUNCEMENTS.CATEGORY_ID));
    }

    private static Announcement toAnnouncement(Record r) {
        return new Announcement(r.get(ANNOUNCEMENTS.ID), r.get(ANNOUNCEMENTS.CATEGORY_ID), r.get(CATEGORIES.NAME),
                r.get(CATEGORIES.SLUG), Author.of(r, AUTHOR), r.get(ANNOUNCEMENTS.TITLE), r.get(ANNOUNCEMENTS.SLUG),
                r.get(ANNOUNCEMENTS.BODY_MD), r.get(ANNOUNCEMENTS.BODY_HTML), r.get(ANNOUNCEMENTS.PINNED_UNTIL),
                r.get(ANNOUNCEMENTS.STARTS_AT), r.get(ANNOUNCEMENTS.ENDS_AT), r.get(ANNOUNCEMENTS.TIME_ZONE),
                r.get(ANNOUNCEMENTS.PLACE), r.get(ANNOUNCEMENTS.LINK), r.get(ANNOUNCEMENTS.CREATED_AT));
    }

    public Optional<Announcement> announcement(long id) {
        return select().where(ANNOUNCEMENTS.ID.eq(id)).fetchOptional(AnnouncementStore::toAnnouncement);
    }

    /** The announcement, if the audience may see its category. */
    public Optional<Announcement> announcement(long id, Audience audience) {
        return select().where(ANNOUNCEMENTS.ID.eq(id)).and(audience.categories(ANNOUNCEMENTS.CATEGORY_ID))
                .fetchOptional(AnnouncementStore::toAnnouncement);
    }

    /**
     * The shared lists (home, events, news, feeds, sitemap) are the same for every reader: they hold announcements of
     * public categories (or none); one of a restricted category shows pinned on its category's page and on its own.
     */
    private static final Condition SHARED = Audience.ANONYMOUS.categories(ANNOUNCEMENTS.CATEGORY_ID);

    /** Pinned now on the home page ({@code categorySlug} null) or on the category's page. */
    public List<Announcement> pinned(String categorySlug, LocalDateTime now) {
        Condition where = ANNOUNCEMENTS.PINNED_UNTIL.gt(now)
                .and(categorySlug == null ? ANNOUNCEMENTS.CATEGORY_ID.isNull() : CATEGORIES.SLUG.eq(categorySlug));
        return select().where(where).orderBy(ANNOUNCEMENTS.CREATED_AT.desc()).limit(5)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    /**
     * The home page's announcements in one query: those pinned there and the events to come, to be told apart by
     * the caller ({@link PinnedAnnouncements}).
     */
    public List<Announcement> forHome(LocalDateTime now, int limit) {
        return select().where(ANNOUNCEMENTS.PINNED_UNTIL.gt(now).and(ANNOUNCEMENTS.CATEGORY_ID.isNull())
                        .or(ANNOUNCEMENTS.STARTS_AT.isNotNull()
                                .and(DSL.coalesce(ANNOUNCEMENTS.ENDS_AT, ANNOUNCEMENTS.STARTS_AT).ge(now))))
                .and(SHARED)
                .orderBy(ANNOUNCEMENTS.STARTS_AT, ANNOUNCEMENTS.ID).limit(limit)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    /** Events that have not ended (or, without an end, not started) yet: the soonest first. */
    public List<Announcement> upcoming(LocalDateTime now, int limit) {
        return select().where(ANNOUNCEMENTS.STARTS_AT.isNotNull()).and(SHARED)
                .and(DSL.coalesce(ANNOUNCEMENTS.ENDS_AT, ANNOUNCEMENTS.STARTS_AT).ge(now))
                .orderBy(ANNOUNCEMENTS.STARTS_AT, ANNOUNCEMENTS.ID).limit(limit)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    /** Events that are over: the archive, the latest first. */
    public List<Announcement> past(LocalDateTime now, int limit) {
        return select().where(ANNOUNCEMENTS.STARTS_AT.isNotNull()).and(SHARED)
                .and(DSL.coalesce(ANNOUNCEMENTS.ENDS_AT, ANNOUNCEMENTS.STARTS_AT).lt(now))
                .orderBy(ANNOUNCEMENTS.STARTS_AT.desc(), ANNOUNCEMENTS.ID.desc()).limit(limit)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    /** Announcements that are not events, the newest first. */
    public List<Announcement> news(int limit) {
        return select().where(ANNOUNCEMENTS.STARTS_AT.isNull()).and(SHARED)
                .orderBy(ANNOUNCEMENTS.CREATED_AT.desc(), ANNOUNCEMENTS.ID.desc()).limit(limit)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    /** Every announcement, newest first: for the sitemap and feeds. */
    public List<Announcement> latest(int limit) {
        return select().where(SHARED).orderBy(ANNOUNCEMENTS.CREATED_AT.desc(), ANNOUNCEMENTS.ID.desc()).limit(limit)
                .fetch(AnnouncementStore::toAnnouncement);
    }

    public long insert(Row row, long authorId, LocalDateTime now) {
        return db.insertInto(ANNOUNCEMENTS)
                .set(columns(row))
                .set(ANNOUNCEMENTS.AUTHOR_ID, authorId)
                .set(ANNOUNCEMENTS.CREATED_AT, now)
                .set(ANNOUNCEMENTS.UPDATED_AT, now)
                .returningResult(ANNOUNCEMENTS.ID).fetchOne().value1();
    }

    public void update(long id, Row row, LocalDateTime now) {
        db.update(ANNOUNCEMENTS)
                .set(columns(row))
                .set(ANNOUNCEMENTS.UPDATED_AT, now)
                .where(ANNOUNCEMENTS.ID.eq(id)).execute();
    }

    /** What the form sets, the same on insert and update. */
    private static java.util.Map<org.jooq.Field<?>, Object> columns(Row row) {
        java.util.Map<org.jooq.Field<?>, Object> columns = new java.util.LinkedHashMap<>();
        columns.put(ANNOUNCEMENTS.CATEGORY_ID, row.categoryId());
        columns.put(ANNOUNCEMENTS.TITLE, row.title());
        columns.put(ANNOUNCEMENTS.SLUG, row.slug());
        columns.put(ANNOUNCEMENTS.BODY_MD, row.bodyMd());
        columns.put(ANNOUNCEMENTS.BODY_HTML, row.bodyHtml());
        columns.put(ANNOUNCEMENTS.PINNED_UNTIL, row.pinnedUntil());
        columns.put(ANNOUNCEMENTS.STARTS_AT, row.startsAt());
        columns.put(ANNOUNCEMENTS.ENDS_AT, row.endsAt());
        columns.put(ANNOUNCEMENTS.TIME_ZONE, row.timeZone());
        columns.put(ANNOUNCEMENTS.PLACE, row.place());
        columns.put(ANNOUNCEMENTS.LINK, row.link());
        return columns;
    }

    public boolean categoryExists(long id) {
        return db.fetchExists(CATEGORIES, CATEGORIES.ID.eq(id));
    }
}
