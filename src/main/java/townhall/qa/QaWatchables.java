package townhall.qa;

import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.TAGS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.Record2;
import townhall.notify.Target;
import townhall.notify.WatchStore;
import townhall.notify.Watchables;

/** What of Q&A can be watched: a question, a tag (its activity, or its unanswered questions), a category. */
public final class QaWatchables implements Watchables {
    private final DSLContext db;

    public QaWatchables(DSLContext db) {
        this.db = db;
    }

    @Override
    public OptionalLong find(Target target, String key, long memberId) {
        Field<Long> member = DSL.val(memberId);
        Long id = switch (target) {
            case QUESTION -> {
                try {
                    yield db.select(QUESTIONS.ID).from(QUESTIONS).where(QUESTIONS.ID.eq(Long.parseLong(key)))
                            .and(Audience.readers(member, QUESTIONS.CATEGORY_ID))
                            .fetchOne(QUESTIONS.ID);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case TAG, UNANSWERED -> db.select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(key)).fetchOne(TAGS.ID);
            case CATEGORY -> db.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.SLUG.eq(key))
                    .and(Audience.readers(member, CATEGORIES.ID))
                    .fetchOne(CATEGORIES.ID);
        };
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public List<Described> describe(List<WatchStore.Watch> watches) {
        List<Long> questions = ids(watches, Target.QUESTION);
        List<Long> tags = new ArrayList<>(ids(watches, Target.TAG));
        tags.addAll(ids(watches, Target.UNANSWERED));
        List<Long> categories = ids(watches, Target.CATEGORY);
        Map<Long, Record2<String, String>> q = questions.isEmpty() ? Map.of()
                : db.select(QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG).from(QUESTIONS).where(QUESTIONS.ID.in(questions))
                .fetchMap(QUESTIONS.ID, r -> r.into(QUESTIONS.TITLE, QUESTIONS.SLUG));
        Map<Long, String> t = tags.isEmpty() ? Map.of()
                : db.select(TAGS.ID, TAGS.NAME).from(TAGS).where(TAGS.ID.in(tags)).fetchMap(TAGS.ID, TAGS.NAME);
        Map<Long, Record2<String, String>> c = categories.isEmpty() ? Map.of()
                : db.select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG).from(CATEGORIES)
                .where(CATEGORIES.ID.in(categories)).fetchMap(CATEGORIES.ID, r -> r.into(CATEGORIES.NAME, CATEGORIES.SLUG));
        List<Described> out = new ArrayList<>();
        for (WatchStore.Watch w : watches) {
            switch (w.target()) {
                case QUESTION -> {
                    var r = q.get(w.targetId());
                    if (r != null) {
                        out.add(new Described(w, r.value1(), QuestionLinks.path(w.targetId(), r.value2()),
                                String.valueOf(w.targetId())));
                    }
                }
                case TAG, UNANSWERED -> {
                    String name = t.get(w.targetId());
                    if (name != null) {
                        out.add(new Described(w, name, "/tags/" + name, name));
                    }
                }
                case CATEGORY -> {
                    var r = c.get(w.targetId());
                    if (r != null) {
                        out.add(new Described(w, r.value1(), "/c/" + r.value2(), r.value2()));
                    }
                }
            }
        }
        return out;
    }

    private static List<Long> ids(List<WatchStore.Watch> watches, Target target) {
        return watches.stream().filter(w -> w.target() == target).map(WatchStore.Watch::targetId).toList();
    }
}
