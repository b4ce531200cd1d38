package townhall.search;

import static townhall.db.schema.Tables.SEARCH_OUTBOX;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import townhall.db.Database;
import townhall.faq.FaqListener;
import townhall.qa.QaListener;

/**
 * Writes a row to the search outbox inside the transaction that changed a question or FAQ entry, so the change
 * reaches the index even if the process stops right after the commit. Once such a transaction commits it
 * wakes the indexer, so a new post is searchable well within a second.
 */
public final class SearchOutbox implements QaListener, FaqListener {
    private final Database database;
    private final Clock clock;
    private final ThreadLocal<Boolean> wroteInThisTransaction = ThreadLocal.withInitial(() -> false);
    private volatile Runnable onCommit = () -> {};

    public SearchOutbox(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.listen(new TransactionListener() {
            @Override
            public void commitEnd(TransactionContext ctx) {
                if (wroteInThisTransaction.get()) {
                    wroteInThisTransaction.remove();
                    onCommit.run();
                }
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                wroteInThisTransaction.remove();
            }
        });
    }

    /** What to run after a transaction that wrote to the outbox commits: the indexer's wake-up. */
    void onCommit(Runnable action) {
        this.onCommit = action;
    }

    @Override
    public void questionChanged(long questionId) {
        add(Fields.QUESTION, questionId);
    }

    @Override
    public void entriesChanged(List<Long> entryIds) {
        entryIds.forEach(id -> add(Fields.FAQ, id));
    }

    /** Asks for the whole index to be rebuilt from the database by whichever process indexes. */
    public void requestRebuild() {
        add("rebuild", 0);
    }

    private void add(String kind, long refId) {
        database.dsl().insertInto(SEARCH_OUTBOX)
                .set(SEARCH_OUTBOX.KIND, kind)
                .set(SEARCH_OUTBOX.REF_ID, refId)
                .set(SEARCH_OUTBOX.CREATED_AT, LocalDateTime.now(clock))
                .execute();
        wroteInThisTransaction.set(true); // outside a transaction the indexer's poll finds the row instead
    }
}
