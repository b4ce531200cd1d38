package townhall.db;

import static townhall.db.schema.Tables.SITE_SETTINGS;

import java.util.Optional;
import org.jooq.DSLContext;

/** Small named facts about this installation, kept in the database. */
public final class SiteSettingsStore {
    private final DSLContext db;

    public SiteSettingsStore(DSLContext db) {
        this.db = db;
    }

    public Optional<String> get(String name) {
        return db.select(SITE_SETTINGS.VALUE).from(SITE_SETTINGS).where(SITE_SETTINGS.NAME.eq(name))
                .fetchOptional(SITE_SETTINGS.VALUE);
    }

    /** The value, its row locked until the caller's transaction ends (the row must exist: see insertIfAbsent). */
    public Optional<String> getForUpdate(String name) {
        return db.select(SITE_SETTINGS.VALUE).from(SITE_SETTINGS).where(SITE_SETTINGS.NAME.eq(name)).forUpdate()
                .fetchOptional(SITE_SETTINGS.VALUE);
    }

    public void put(String name, String value) {
        db.insertInto(SITE_SETTINGS)
                .set(SITE_SETTINGS.NAME, name)
                .set(SITE_SETTINGS.VALUE, value)
                .onDuplicateKeyUpdate()
                .set(SITE_SETTINGS.VALUE, value)
                .execute();
    }

    /** Stores a value only when the name has none yet (two nodes making a key at once keep the first). */
    public void insertIfAbsent(String name, String value) {
        db.insertInto(SITE_SETTINGS).set(SITE_SETTINGS.NAME, name).set(SITE_SETTINGS.VALUE, value)
                .onDuplicateKeyIgnore().execute();
    }
}
