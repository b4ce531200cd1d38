package townhall.notify;

import java.time.Clock;
import java.time.LocalDateTime;
import townhall.i18n.Text;

/**
 * What features call to tell a member something. The notification is written in the caller's transaction, so it
 * exists exactly when what caused it does; it is shown in the language the member reads it in, later.
 */
public final class Notifier {
    private final NotificationStore store;
    private final Clock clock;

    public Notifier(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code message} may carry {@link Text} arguments (a badge's name) that are translated when shown. */
    public void notify(long memberId, Text message, String link) {
        store.add(memberId, message, link == null ? "" : link, LocalDateTime.now(clock));
    }
}
