package townhall.api;

import static townhall.db.schema.Tables.API_TOKENS;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** API tokens, kept by the SHA-256 of their secret. */
final class ApiTokenStore {
    private final DSLContext db;

    ApiTokenStore(DSLContext db) {
        this.db = db;
    }

    record Row(long id, long memberId, String name, String scopes, LocalDateTime createdAt, LocalDateTime lastUsedAt,
               LocalDateTime revokedAt) {}

    long insert(long memberId, String name, String scopes, String tokenHash, LocalDateTime now) {
        return db.insertInto(API_TOKENS)
                .set(API_TOKENS.MEMBER_ID, memberId)
                .set(API_TOKENS.NAME, name)
                .set(API_TOKENS.SCOPES, scopes)
                .set(API_TOKENS.TOKEN_HASH, tokenHash)
                .set(API_TOKENS.CREATED_AT, now)
                .returning(API_TOKENS.ID)
                .fetchOne(API_TOKENS.ID);
    }

    List<Row> ofMember(long memberId) {
        return db.selectFrom(API_TOKENS).where(API_TOKENS.MEMBER_ID.eq(memberId))
                .orderBy(API_TOKENS.CREATED_AT.desc(), API_TOKENS.ID.desc())
                .fetch(r -> new Row(r.getId(), r.getMemberId(), r.getName(), r.getScopes(), r.getCreatedAt(),
                        r.getLastUsedAt(), r.getRevokedAt()));
    }

    Optional<Row> live(String tokenHash) {
        return db.selectFrom(API_TOKENS).where(API_TOKENS.TOKEN_HASH.eq(tokenHash)).and(API_TOKENS.REVOKED_AT.isNull())
                .fetchOptional(r -> new Row(r.getId(), r.getMemberId(), r.getName(), r.getScopes(), r.getCreatedAt(),
                        r.getLastUsedAt(), r.getRevokedAt()));
    }

    boolean revoke(long memberId, long id, LocalDateTime now) {
        return db.update(API_TOKENS).set(API_TOKENS.REVOKED_AT, now)
                .where(API_TOKENS.ID.eq(id)).and(API_TOKENS.MEMBER_ID.eq(memberId)).and(API_TOKENS.REVOKED_AT.isNull())
                .execute() == 1;
    }

    void used(long id, LocalDateTime now) {
        db.update(API_TOKENS).set(API_TOKENS.LAST_USED_AT, now).where(API_TOKENS.ID.eq(id)).execute();
    }
}
