package townhall.faq;

import static townhall.db.schema.Tables.FAQ_ENTRIES;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import townhall.notify.DigestSection;

/** The digest's "new in the FAQ": entries added since the previous digest, the same for every member. */
public final class FaqDigest implements DigestSection {
    private static final int SHOWN = 10;

    private final DSLContext db;

    public FaqDigest(DSLContext db) {
        this.db = db;
    }

    @Override
    public String heading() { return "notify.digest.faq"; }

    @Override
    public Map<Long, List<Line>> lines(Set<Long> members, Map<Long, Set<Long>> unansweredTags, LocalDateTime since) {
        List<Line> entries = db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.QUESTION, FAQ_ENTRIES.SLUG).from(FAQ_ENTRIES)
                .where(FAQ_ENTRIES.CREATED_AT.gt(since)).and(FAQ_ENTRIES.RETIRED_AT.isNull())
                .orderBy(FAQ_ENTRIES.ID.desc()).limit(SHOWN)
                .fetch(r -> new Line(r.value2(), "/faq/" + r.value1() + "/" + r.value3(), null));
        Map<Long, List<Line>> out = new HashMap<>();
        if (!entries.isEmpty()) {
            members.forEach(member -> out.put(member, entries));
        }
        return out;
    }
}
