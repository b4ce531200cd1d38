package townhall.notify;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Who may read what a notice is about: Q&A's category permissions ({@code qa.CategoryAccess}, wired in app/). The
 * fan-out adds the condition to each of its set-based inserts, so a member who cannot see a question hears nothing
 * of it.
 */
public interface Readers {
    Readers EVERYONE = (member, questionId) -> DSL.noCondition();

    /** The condition on a member id column that keeps the members who may read the question. */
    Condition mayRead(Field<Long> member, long questionId);
}
