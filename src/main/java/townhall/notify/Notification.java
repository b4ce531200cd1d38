package townhall.notify;

import java.time.LocalDateTime;
import townhall.i18n.Text;

/** One thing a member was told: a message in whatever language they read it in, where it leads, when, and whether read. */
public record Notification(long id, Text message, String link, LocalDateTime at, boolean unread) {}
