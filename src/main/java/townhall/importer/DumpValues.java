package townhall.importer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Dump values as Townhall keeps them: text cut to its column, a missing date as now, the ids rows refer to. */
final class DumpValues {
    /** A person's name as the import keeps it (a post's original author, a member's name in the import map). */
    static final int NAME_MAX = 100;

    private DumpValues() {}

    /** The distinct ids the rows give in {@code attribute}, in the rows' order; rows without one add none. */
    static List<Long> ids(List<Row> rows, String attribute) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Row r : rows) {
            Long id = r.numberOrNull(attribute);
            if (id != null) ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    static LocalDateTime orNow(LocalDateTime date) {
        return date != null ? date : LocalDateTime.now(ZoneOffset.UTC);
    }
}
