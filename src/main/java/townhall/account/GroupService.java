package townhall.account;

import java.time.Clock;
import java.time.LocalDateTime;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Member groups, an administrator's to manage: create a group, add a member by username, remove one. A category
 * whose visibility is the group is seen by its members (and staff) only.
 */
public final class GroupService {
    static final int NAME_MAX = 60;

    private final Database database;
    private final GroupStore groups;
    private final AccountStore accounts;
    private final Privileges privileges;
    private final Clock clock;
    private final AccessLog log;

    public GroupService(Database database, GroupStore groups, AccountStore accounts, Privileges privileges,
                        AccessLog log, Clock clock) {
        this.log = log;
        this.database = database;
        this.groups = groups;
        this.accounts = accounts;
        this.privileges = privileges;
        this.clock = clock;
    }

    public GroupStore store() { return groups; }

    public void requireAllowed(Member actor) {
        if (!privileges.mayManageAccess(actor)) {
            throw new NotAllowed("groups.denied");
        }
    }

    /** Creates a group; returns its id. */
    public long create(Member admin, String name) {
        requireAllowed(admin);
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty() || clean.length() > NAME_MAX) {
            throw InvalidInput.of("name", "groups.error.name", "max", NAME_MAX);
        }
        return database.inTransaction(() -> {
            if (groups.nameTaken(clean)) {
                throw InvalidInput.of("name", "groups.error.taken");
            }
            long id = groups.create(clean, LocalDateTime.now(clock));
            log.record(admin.id(), "group", null, "+ " + clean);
            return id;
        });
    }

    public MemberGroup group(Member admin, long groupId) {
        requireAllowed(admin);
        return groups.find(groupId).orElseThrow(NotFound::new);
    }

    /** Adds the member with this username to the group. */
    public void addMember(Member admin, long groupId, String username) {
        MemberGroup group = group(admin, groupId);
        String clean = username == null ? "" : username.strip();
        if (clean.startsWith("@")) {
            clean = clean.substring(1);
        }
        if (clean.isEmpty()) {
            throw InvalidInput.of("username", "groups.error.username.blank");
        }
        String name = clean;
        Member member = accounts.findByUsername(name)
                .orElseThrow(() -> InvalidInput.of("username", "groups.error.username", "username", name));
        database.inTransaction(() -> {
            if (groups.add(group.id(), member.id(), LocalDateTime.now(clock))) {
                log.record(admin.id(), "group", member.id(), group.name() + " + " + member.username());
            }
        });
    }

    public void removeMember(Member admin, long groupId, long memberId) {
        MemberGroup group = group(admin, groupId);
        database.inTransaction(() -> {
            groups.remove(group.id(), memberId);
            log.record(admin.id(), "group", memberId, group.name() + " -");
        });
    }
}
