package townhall.search;

import java.util.List;
import townhall.faq.FaqListener;
import townhall.ideas.IdeaListener;
import townhall.outbox.Outbox;
import townhall.qa.QaListener;

/**
 * Adds a search entry to the outbox inside the transaction that changed a question or FAQ entry, so the change
 * reaches the index even if the process stops right after the commit; the commit wakes the {@link Indexer}, so a
 * new post is searchable well within a second.
 */
public final class SearchOutbox implements QaListener, FaqListener, IdeaListener {
    /** The outbox topic of search indexing; an entry's payload is what changed: a question, an FAQ entry, or all. */
    static final String TOPIC = "search";
    static final String REBUILD = "rebuild";
    /** The payload of an entry whose ref is a category: reindex its questions, ideas and announcements. */
    static final String CATEGORY = "category";

    private final Outbox outbox;

    public SearchOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void questionChanged(long questionId) {
        outbox.add(TOPIC, questionId, Fields.QUESTION);
    }

    @Override
    public void categoryChanged(long categoryId) {
        outbox.add(TOPIC, categoryId, CATEGORY);
    }

    @Override
    public void entriesChanged(List<Long> entryIds) {
        entryIds.forEach(id -> outbox.add(TOPIC, id, Fields.FAQ));
    }

    @Override
    public void ideaChanged(long ideaId) {
        outbox.add(TOPIC, ideaId, Fields.IDEA);
    }

    @Override
    public void announcementChanged(long announcementId) {
        outbox.add(TOPIC, announcementId, Fields.ANNOUNCEMENT);
    }

    /** Asks for the whole index to be rebuilt from the database by whichever process indexes. */
    public void requestRebuild() {
        outbox.add(TOPIC, 0, REBUILD);
    }
}
