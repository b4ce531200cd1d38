package townhall.bench;

import java.util.Map;
import org.jooq.DSLContext;

/** Maps a Stack Exchange dump's question ids to the ids Townhall gave them on import (the importer's import_map). */
public final class ImportedIds {
    private ImportedIds() {}

    public static Map<Long, Long> questions(DSLContext db) {
        return db.resultQuery("SELECT m.external_id, m.local_id FROM import_map m JOIN questions q ON q.id = m.local_id "
                        + "WHERE m.kind = 'post'")
                .fetchMap(r -> r.get(0, Long.class), r -> r.get(1, Long.class));
    }
}
