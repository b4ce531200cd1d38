package townhall.account;

import static townhall.db.schema.Tables.ACCOUNT_TOKENS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.SESSIONS;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import townhall.db.Prepared;

/** Members and their sign-in sessions. */
public final class AccountStore {
    /** A generated column (migration V14) that jOOQ's generator cannot see: {@link Names#usernameKey} of the username. */
    public static final Field<String> USERNAME_KEY = DSL.field(DSL.name("members", "username_key"), String.class);

    /** Unread notifications, read along with the session so the header can show them at no extra query. */
    private static final Field<Integer> UNREAD = DSL.field(DSL.selectCount().from(NOTIFICATIONS)
            .where(NOTIFICATIONS.MEMBER_ID.eq(MEMBERS.ID)).and(NOTIFICATIONS.READ_AT.isNull())).as("unread");

    private final DSLContext db;
    private final Prepared<Boolean> liveSession;

    public AccountStore(DSLContext db) {
        this.db = db;
        this.liveSession = Prepared.of(db, this::liveSessionQuery);
    }

    /** {@code confirmedAt}: when the address counts as confirmed, or null until the member follows the link. */
    public long insertMember(String username, String email, String passwordHash, Role role, LocalDateTime now,
                             LocalDateTime confirmedAt) {
        return db.insertInto(MEMBERS)
                .set(MEMBERS.USERNAME, username)
                .set(MEMBERS.EMAIL, email)
                .set(MEMBERS.PASSWORD_HASH, passwordHash)
                .set(MEMBERS.ROLE, role.dbValue())
                .set(MEMBERS.CREATED_AT, now)
                .set(MEMBERS.EMAIL_CONFIRMED_AT, confirmedAt)
                .returningResult(MEMBERS.ID)
                .fetchOne(MEMBERS.ID);
    }

    /** Usernames that begin so (case aside), most reputed first: what an @mention being typed may mean. */
    public List<String> usernamesStartingWith(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.select(MEMBERS.USERNAME).from(MEMBERS).where(MEMBERS.USERNAME.like(escaped + "%"))
                .orderBy(MEMBERS.REPUTATION.desc(), MEMBERS.USERNAME).limit(limit).fetch(MEMBERS.USERNAME);
    }

    /** Whether a member's name differs from this one only by case or by dots, dashes and underscores. */
    public boolean usernameTaken(String username) {
        return db.fetchExists(MEMBERS, USERNAME_KEY.eq(Names.usernameKey(username)));
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

    public void confirmEmail(long memberId, String email, LocalDateTime now) {
        db.update(MEMBERS).set(MEMBERS.EMAIL, email).set(MEMBERS.EMAIL_CONFIRMED_AT, now)
                .where(MEMBERS.ID.eq(memberId)).execute();
    }

    public Optional<String> passwordHashOf(long memberId) {
        return db.select(MEMBERS.PASSWORD_HASH).from(MEMBERS).where(MEMBERS.ID.eq(memberId))
                .fetchOptional(MEMBERS.PASSWORD_HASH);
    }

    /** Signs a member out everywhere but {@code keptTokenHash} (null: everywhere). */
    public void deleteSessionsOf(long memberId, String keptTokenHash) {
        db.deleteFrom(SESSIONS).where(SESSIONS.MEMBER_ID.eq(memberId))
                .and(keptTokenHash == null ? DSL.noCondition() : SESSIONS.TOKEN_HASH.ne(keptTokenHash)).execute();
    }

    public void insertToken(String tokenHash, long memberId, String purpose, String newEmail, LocalDateTime now,
                            LocalDateTime expiresAt) {
        db.insertInto(ACCOUNT_TOKENS)
                .set(ACCOUNT_TOKENS.TOKEN_HASH, tokenHash)
                .set(ACCOUNT_TOKENS.MEMBER_ID, memberId)
                .set(ACCOUNT_TOKENS.PURPOSE, purpose)
                .set(ACCOUNT_TOKENS.NEW_EMAIL, newEmail)
                .set(ACCOUNT_TOKENS.CREATED_AT, now)
                .set(ACCOUNT_TOKENS.EXPIRES_AT, expiresAt)
                .execute();
    }

    /** A link's token as stored: for whom, what for, and whether it may still be used. */
    public record Token(long memberId, String purpose, String newEmail, LocalDateTime expiresAt, LocalDateTime usedAt) {}

    public Optional<Token> findToken(String tokenHash) {
        return db.selectFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new Token(r.getMemberId(), r.getPurpose(), r.getNewEmail(), r.getExpiresAt(),
                        r.getUsedAt()));
    }

    /** Marks a link used; false when it was used already (by a request that got there first). */
    public boolean useToken(String tokenHash, LocalDateTime now) {
        return db.update(ACCOUNT_TOKENS).set(ACCOUNT_TOKENS.USED_AT, now)
                .where(ACCOUNT_TOKENS.TOKEN_HASH.eq(tokenHash)).and(ACCOUNT_TOKENS.USED_AT.isNull()).execute() == 1;
    }

    /** Retires a member's unused links of one purpose: a new link replaces the old ones. */
    public void retireTokens(long memberId, String purpose, LocalDateTime now) {
        db.update(ACCOUNT_TOKENS).set(ACCOUNT_TOKENS.USED_AT, now)
                .where(ACCOUNT_TOKENS.MEMBER_ID.eq(memberId)).and(ACCOUNT_TOKENS.PURPOSE.eq(purpose))
                .and(ACCOUNT_TOKENS.USED_AT.isNull()).execute();
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
        Record row = liveSession.fetchOne(Map.of("token", tokenHash, "now", now));
        return Optional.ofNullable(row).map(r -> new LiveSession(toMember(r), r.get(SESSIONS.LAST_SEEN_AT)));
    }

    /** Read on every signed-in request: its SQL is rendered once (see {@link Prepared}). */
    private Select<?> liveSessionQuery() {
        Field<LocalDateTime> now = DSL.param("now", LocalDateTime.class);
        return db.select(MEMBERS.asterisk(), SESSIONS.LAST_SEEN_AT, UNREAD)
                .from(SESSIONS)
                .join(MEMBERS).on(MEMBERS.ID.eq(SESSIONS.MEMBER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(DSL.param("token", String.class)))
                .and(SESSIONS.EXPIRES_AT.gt(now))
                .and(MEMBERS.SUSPENDED_UNTIL.isNull().or(MEMBERS.SUSPENDED_UNTIL.le(now)));
    }

    /** A suspension in force: until when, and why. */
    public record Suspension(LocalDateTime until, String reason) {}

    public Optional<Suspension> suspension(long memberId, LocalDateTime now) {
        return db.select(MEMBERS.SUSPENDED_UNTIL, MEMBERS.SUSPENSION_REASON).from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId)).and(MEMBERS.SUSPENDED_UNTIL.gt(now))
                .fetchOptional(r -> new Suspension(r.value1(), r.value2() == null ? "" : r.value2()));
    }

    /** Suspends (signs out at once: sessions are not read while it lasts) or, with {@code until} null, lifts it. */
    public void setSuspension(long memberId, LocalDateTime until, String reason) {
        db.update(MEMBERS).set(MEMBERS.SUSPENDED_UNTIL, until).set(MEMBERS.SUSPENSION_REASON, reason)
                .where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void setWarningPending(long memberId, boolean pending) {
        db.update(MEMBERS).set(MEMBERS.WARNING_PENDING, pending).where(MEMBERS.ID.eq(memberId)).execute();
    }

    public void setSilence(long memberId, LocalDateTime until) {
        db.update(MEMBERS).set(MEMBERS.SILENCED_UNTIL, until).where(MEMBERS.ID.eq(memberId)).execute();
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
                r.indexOf(MEMBERS.LANGUAGE) >= 0 ? r.get(MEMBERS.LANGUAGE) : null,
                r.get(MEMBERS.EMAIL_CONFIRMED_AT) != null,
                r.indexOf(MEMBERS.SILENCED_UNTIL) >= 0 ? r.get(MEMBERS.SILENCED_UNTIL) : null,
                r.indexOf(MEMBERS.WARNING_PENDING) >= 0 && Boolean.TRUE.equals(r.get(MEMBERS.WARNING_PENDING)));
    }

    public record Credentials(Member member, String passwordHash) {}

    public record LiveSession(Member member, LocalDateTime lastSeenAt) {}

}
