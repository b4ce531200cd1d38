package townhall.account;

import static org.jooq.impl.DSL.count;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.MEMBER_GROUPS;
import static townhall.db.schema.Tables.MEMBER_GROUP_MEMBERS;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Member groups and their members. */
public final class GroupStore {
    private final DSLContext db;

    public GroupStore(DSLContext db) {
        this.db = db;
    }

    /** Every group by name, with how many members it has, in one query. */
    public List<MemberGroup> all() {
        return db.select(MEMBER_GROUPS.ID, MEMBER_GROUPS.NAME, count(MEMBER_GROUP_MEMBERS.MEMBER_ID))
                .from(MEMBER_GROUPS).leftJoin(MEMBER_GROUP_MEMBERS).on(MEMBER_GROUP_MEMBERS.GROUP_ID.eq(MEMBER_GROUPS.ID))
                .groupBy(MEMBER_GROUPS.ID, MEMBER_GROUPS.NAME)
                .orderBy(MEMBER_GROUPS.NAME)
                .fetch(r -> new MemberGroup(r.value1(), r.value2(), r.value3()));
    }

    public Optional<MemberGroup> find(long id) {
        return all().stream().filter(g -> g.id() == id).findFirst();
    }

    public boolean nameTaken(String name) {
        return db.fetchExists(MEMBER_GROUPS, MEMBER_GROUPS.NAME.eq(name));
    }

    public long create(String name, LocalDateTime now) {
        return db.insertInto(MEMBER_GROUPS).set(MEMBER_GROUPS.NAME, name).set(MEMBER_GROUPS.CREATED_AT, now)
                .returning(MEMBER_GROUPS.ID).fetchOne().getId();
    }

    public record GroupMember(long id, String username) {}

    /** A group's members by username. */
    public List<GroupMember> members(long groupId) {
        return db.select(MEMBERS.ID, MEMBERS.USERNAME).from(MEMBER_GROUP_MEMBERS)
                .join(MEMBERS).on(MEMBERS.ID.eq(MEMBER_GROUP_MEMBERS.MEMBER_ID))
                .where(MEMBER_GROUP_MEMBERS.GROUP_ID.eq(groupId))
                .orderBy(MEMBERS.USERNAME)
                .fetch(r -> new GroupMember(r.value1(), r.value2()));
    }

    /** True when the member was not in the group yet. */
    public boolean add(long groupId, long memberId, LocalDateTime now) {
        return db.insertInto(MEMBER_GROUP_MEMBERS).set(MEMBER_GROUP_MEMBERS.GROUP_ID, groupId)
                .set(MEMBER_GROUP_MEMBERS.MEMBER_ID, memberId).set(MEMBER_GROUP_MEMBERS.ADDED_AT, now)
                .onDuplicateKeyIgnore().execute() > 0;
    }

    public void remove(long groupId, long memberId) {
        db.deleteFrom(MEMBER_GROUP_MEMBERS).where(MEMBER_GROUP_MEMBERS.GROUP_ID.eq(groupId))
                .and(MEMBER_GROUP_MEMBERS.MEMBER_ID.eq(memberId)).execute();
    }
}
