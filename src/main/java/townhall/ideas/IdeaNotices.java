package townhall.ideas;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.notify.Notifier;
import townhall.outbox.OutboxEntry;
import townhall.outbox.OutboxHandler;

/**
 * Tells each voter and watcher of an idea, once, that its status changed: drains {@value IdeaService#TOPIC} from
 * the outbox. The notifications and the change's {@code notified_at} are written in one transaction, so a worker
 * that runs an entry twice tells nobody twice; the member who made the change is not told.
 */
public final class IdeaNotices implements OutboxHandler {
    /** A notification is stored in 300 characters, its arguments URL-encoded. */
    private static final int STORED_MAX = 290;

    private final Database database;
    private final IdeaStore store;
    private final Notifier notifier;
    private final Clock clock;

    public IdeaNotices(Database database, IdeaStore store, Notifier notifier, Clock clock) {
        this.database = database;
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public String topic() { return IdeaService.TOPIC; }

    @Override
    public int batchSize() { return 1; }

    @Override
    public void handle(List<OutboxEntry> batch) {
        for (OutboxEntry entry : batch) {
            database.inTransaction(() -> tell(entry.refId()));
        }
    }

    private void tell(long changeId) {
        IdeaStore.StatusChange change = store.statusChange(changeId).orElse(null);
        if (change == null || change.notified()) {
            return;
        }
        Idea idea = store.idea(change.ideaId()).orElse(null);
        if (idea != null) {
            Text message = message(idea.title(), change.status());
            for (long member : store.votersAndWatchers(idea.id())) {
                if (member != change.changedBy()) {
                    notifier.notify(member, message, idea.path());
                }
            }
        }
        store.markNotified(changeId, LocalDateTime.now(clock));
    }

    /** "The idea "…" is now Planned", with the title shortened to fit where notifications are kept. */
    static Text message(String title, IdeaStatus status) {
        String shown = title;
        Text text = Text.of("ideas.notify.status", "title", shown, "status", Text.of(status.key()));
        while (text.encoded().length() > STORED_MAX && shown.length() > 10) {
            shown = shown.substring(0, shown.length() - 5).strip() + "…";
            text = Text.of("ideas.notify.status", "title", shown, "status", Text.of(status.key()));
        }
        return text;
    }
}
