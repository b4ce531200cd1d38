package townhall.account;

import java.time.LocalDateTime;

/** A registered person; {@code createdAt} is UTC. */
public record Member(long id, String username, String email, Role role, LocalDateTime createdAt, int reputation,
                     boolean helper, int unreadNotifications) {
    public boolean isStaff() { return role.isStaff(); }

    public boolean isAdmin() { return role.isAdmin(); }
}
