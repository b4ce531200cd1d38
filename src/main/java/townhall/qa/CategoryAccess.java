package townhall.qa;

import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;
import static townhall.db.schema.Tables.MEMBER_GROUP_MEMBERS;
import static townhall.db.schema.Tables.QUESTIONS;

import io.javalin.http.Context;
import java.util.HashSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import townhall.account.Member;
import townhall.notify.Readers;
import townhall.web.Web;

/**
 * Turns a viewer into their {@link Audience} (kept for the request), and tells notifications which members may read a
 * question (the same rule as a set-based condition on a member column).
 */
public final class CategoryAccess implements Readers {
    private static final String KEY = "townhall.audience";

    private final DSLContext db;

    public CategoryAccess(DSLContext db) {
        this.db = db;
    }

    /** The reader of a page: staff, a member (their groups read only when a search asks), or a visitor. */
    public Audience of(Member viewer) {
        if (viewer == null) {
            return Audience.ANONYMOUS;
        }
        if (viewer.isStaff()) {
            return Audience.STAFF;
        }
        long id = viewer.id();
        return new Audience(id, false, () -> new HashSet<>(db.select(MEMBER_GROUP_MEMBERS.GROUP_ID)
                .from(MEMBER_GROUP_MEMBERS).where(MEMBER_GROUP_MEMBERS.MEMBER_ID.eq(id))
                .fetch(MEMBER_GROUP_MEMBERS.GROUP_ID)));
    }

    /** The request's reader, built once per request. */
    public Audience of(Context ctx) {
        Audience kept = ctx.attribute(KEY);
        if (kept == null) {
            kept = of(Web.<Member>viewer(ctx));
            ctx.attribute(KEY, kept);
        }
        return kept;
    }

    /**
     * The members (a column of the fan-out's query) who may read the question: staff, and whoever the question's
     * category lets in; the category's rule is {@link Audience#categories} with the member's groups as a subquery.
     */
    @Override
    public Condition mayRead(Field<Long> member, long questionId) {
        return exists(selectOne().from(QUESTIONS).where(QUESTIONS.ID.eq(questionId))
                .and(Audience.readers(member, QUESTIONS.CATEGORY_ID)));
    }
}
