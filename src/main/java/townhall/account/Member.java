package townhall.account;

import java.time.LocalDateTime;
import townhall.web.Viewer;

/** A registered person; {@code createdAt} is UTC; {@code language} is their interface language, or null for the site's. */
public record Member(long id, String username, String email, Role role, LocalDateTime createdAt, int reputation,
                     boolean helper, int unreadNotifications, String language) implements Viewer {
    public Member(long id, String username, String email, Role role, LocalDateTime createdAt, int reputation,
                  boolean helper, int unreadNotifications) {
        this(id, username, email, role, createdAt, reputation, helper, unreadNotifications, null);
    }

    public boolean isStaff() { return role.isStaff(); }

    public boolean isAdmin() { return role.isAdmin(); }
}
