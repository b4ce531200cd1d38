package townhall.uploads;

import static townhall.db.schema.Tables.UPLOADS;

import java.time.LocalDateTime;
import org.jooq.DSLContext;

/** Who uploaded which image file. */
final class UploadStore {
    private final DSLContext db;

    UploadStore(DSLContext db) {
        this.db = db;
    }

    void insert(String fileName, long memberId, int bytes, int width, int height, LocalDateTime now) {
        db.insertInto(UPLOADS)
                .set(UPLOADS.FILE_NAME, fileName)
                .set(UPLOADS.MEMBER_ID, memberId)
                .set(UPLOADS.BYTES, bytes)
                .set(UPLOADS.WIDTH, width)
                .set(UPLOADS.HEIGHT, height)
                .set(UPLOADS.CREATED_AT, now)
                .execute();
    }
}
