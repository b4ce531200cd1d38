package townhall.account;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.SESSIONS;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Members and their sign-in sessions. */
public final class AccountStore {
    /** Unread notifications, read along with the session so the header can show them at no extra query. */
    private static final Field<Integer> UNREAD = DSL.field(DSL.selectCount().from(NOTIFICATIONS)
            .where(NOTIFICATIONS.MEMBER_ID.eq(MEMBERS.ID)).and(NOTIFICATIONS.READ_AT.isNull())).as("unread");

    private final DSLContext db;

    public AccountStore(DSLContext db) {
        this.db = db;
    }

    public long insertMember(String username, String email, String passwordHash, Role role, LocalDateTime now) {
        return db.insertInto(MEMBERS)
                .set(MEMBERS.USERNAME, username)
                .set(MEMBERS.EMAIL, email)
                .set(MEMBERS.PASSWORD_HASH, passwordHash)
                .set(MEMBERS.ROLE, role.dbValue())
                .set(MEMBERS.CREATED_AT, now)
                .returningResult(MEMBERS.ID)
                .fetchOne(MEMBERS.ID);
    }

    public boolean usernameTaken(String username) {
        return db.fetchExists(MEMBERS, MEMBERS.USERNAME.eq(username));
    }

    public boolean emailTaken(String email) {
        return db.fetchExists(MEMBERS, MEMBERS.EMAIL.eq(email));
    }

    public Optional<Member> findById(long id) {
        return db.selectFrom(MEMBERS).where(MEMBERS.ID.eq(id)).fetchOptional(AccountStore::toMember);
    }

    public Optional<Member> findByUsername(String username) {
        return db.selectFrom(MEMBERS).where(MEMBERS.USERNAME.eq(username)).fetchOptional(AccountStore::toMember);
    }

    /** The member signing in by username or email, with the stored password hash. */
    public Optional<Credentials> findCredentials(String login) {
        return db.selectFrom(MEMBERS)
                .where(MEMBERS.USERNAME.eq(login).or(MEMBERS.EMAIL.eq(login)))
                .limit(1)
                .fetchOptional(r -> new Credentials(toMember(r), r.get(MEMBERS.PASSWORD_HASH)));
    }

    public void setRole(long memberId, Role role) {
        db.update(MEMBERS).set(MEMBERS.ROLE, role.dbValue()).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void setPasswordHash(long memberId, String passwordHash) {
        db.update(MEMBERS).set(MEMBERS.PASSWORD_HASH, passwordHash).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void setLanguage(long memberId, String language) {
        db.update(MEMBERS).set(MEMBERS.LANGUAGE, language).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void insertSession(String tokenHash, long memberId, LocalDateTime now, LocalDateTime expiresAt) {
        db.insertInto(SESSIONS)
                .set(SESSIONS.TOKEN_HASH, tokenHash)
                .set(SESSIONS.MEMBER_ID, memberId)
                .set(SESSIONS.CREATED_AT, now)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** The signed-in member of a live session, with when the session was last seen. */
    public Optional<LiveSession> findLiveSession(String tokenHash, LocalDateTime now) {
        return db.select(MEMBERS.asterisk(), SESSIONS.LAST_SEEN_AT, UNREAD)
                .from(SESSIONS)
                .join(MEMBERS).on(MEMBERS.ID.eq(SESSIONS.MEMBER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash))
                .and(SESSIONS.EXPIRES_AT.gt(now))
                .fetchOptional(r -> new LiveSession(toMember(r), r.get(SESSIONS.LAST_SEEN_AT)));
    }

    public void extendSession(String tokenHash, LocalDateTime now, LocalDateTime expiresAt) {
        db.update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, now)
                .set(SESSIONS.EXPIRES_AT, expiresAt)
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash))
                .execute();
    }

    public void deleteSession(String tokenHash) {
        db.deleteFrom(SESSIONS).where(SESSIONS.TOKEN_HASH.eq(tokenHash)).execute();
    }

    public int deleteExpiredSessions(LocalDateTime now) {
        return db.deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.le(now)).execute();
    }

    public int countMembers() {
        return db.fetchCount(MEMBERS);
    }

    static Member toMember(Record r) {
        return new Member(
                r.get(MEMBERS.ID),
                r.get(MEMBERS.USERNAME),
                r.get(MEMBERS.EMAIL),
                Role.fromDb(r.get(MEMBERS.ROLE)),
                r.get(MEMBERS.CREATED_AT),
                r.get(MEMBERS.REPUTATION),
                r.get(MEMBERS.HELPER),
                r.indexOf(UNREAD) >= 0 ? r.get(UNREAD) : 0,
                r.indexOf(MEMBERS.LANGUAGE) >= 0 ? r.get(MEMBERS.LANGUAGE) : null);
    }

    public record Credentials(Member member, String passwordHash) {}

    public record LiveSession(Member member, LocalDateTime lastSeenAt) {}

}
