package townhall.account;

import java.time.LocalDateTime;
import townhall.web.Viewer;

/**
 * A registered person; {@code createdAt} is UTC; {@code language} is their interface language, or null for the site's;
 * {@code emailConfirmed} says whether they followed the link sent to their address.
 */
public record Member(long id, String username, String email, Role role, LocalDateTime createdAt, int reputation,
                     boolean helper, int unreadNotifications, String language, boolean emailConfirmed)
        implements Viewer {

    public boolean isStaff() { return role.isStaff(); }

    public boolean isAdmin() { return role.isAdmin(); }
}
