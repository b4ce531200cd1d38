package townhall.brand;

import static townhall.db.schema.Tables.BRAND_FILES;
import static townhall.db.schema.Tables.BRAND_SETTINGS;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** The brand settings (name to value) and the uploaded brand images, in the database. */
public final class BrandStore {
    private final DSLContext db;

    public BrandStore(DSLContext db) {
        this.db = db;
    }

    /** Every brand setting that was set, by name. */
    public Map<String, String> settings() {
        Map<String, String> values = new LinkedHashMap<>();
        db.select(BRAND_SETTINGS.NAME, BRAND_SETTINGS.VALUE).from(BRAND_SETTINGS)
                .forEach(row -> values.put(row.value1(), row.value2()));
        return values;
    }

    /** Sets the given settings and removes the named ones; call inside a transaction. */
    public void save(Map<String, String> values, Set<String> removed, long memberId, LocalDateTime now) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            db.insertInto(BRAND_SETTINGS)
                    .set(BRAND_SETTINGS.NAME, entry.getKey())
                    .set(BRAND_SETTINGS.VALUE, entry.getValue())
                    .set(BRAND_SETTINGS.UPDATED_AT, now)
                    .set(BRAND_SETTINGS.UPDATED_BY, memberId)
                    .onDuplicateKeyUpdate()
                    .set(BRAND_SETTINGS.VALUE, entry.getValue())
                    .set(BRAND_SETTINGS.UPDATED_AT, now)
                    .set(BRAND_SETTINGS.UPDATED_BY, memberId)
                    .execute();
        }
        if (!removed.isEmpty()) {
            db.deleteFrom(BRAND_SETTINGS).where(BRAND_SETTINGS.NAME.in(removed)).execute();
        }
    }

    /** Stores an image once; the same bytes uploaded again change nothing. */
    public void saveFile(String hash, String contentType, byte[] bytes, LocalDateTime now) {
        db.insertInto(BRAND_FILES)
                .set(BRAND_FILES.HASH, hash)
                .set(BRAND_FILES.CONTENT_TYPE, contentType)
                .set(BRAND_FILES.BYTES, bytes)
                .set(BRAND_FILES.CREATED_AT, now)
                .onDuplicateKeyIgnore()
                .execute();
    }

    public record StoredFile(String contentType, byte[] bytes) {}

    public Optional<StoredFile> file(String hash) {
        return db.select(BRAND_FILES.CONTENT_TYPE, BRAND_FILES.BYTES).from(BRAND_FILES)
                .where(BRAND_FILES.HASH.eq(hash))
                .fetchOptional(row -> new StoredFile(row.value1(), row.value2()));
    }
}
