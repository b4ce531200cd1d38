package townhall.account;

import java.time.LocalDateTime;
import townhall.web.Viewer;

/**
 * A registered person; {@code createdAt} is UTC; {@code language} is their interface language, or null for the site's;
 * {@code emailConfirmed} says whether they followed the link sent to their address;
 * {@code silencedUntil}: a silence in force or past (null: never silenced), see {@link Privileges#isSilenced};
 * {@code warningPending}: a moderator's warning waits for the member to acknowledge it.
 */
public record Member(long id, String username, String email, Role role, LocalDateTime createdAt, int reputation,
                     boolean helper, int unreadNotifications, String language, boolean emailConfirmed,
                     LocalDateTime silencedUntil, boolean warningPending)
        implements Viewer {

    public boolean isStaff() { return role.isStaff(); }

    public boolean isAdmin() { return role.isAdmin(); }
}
