package townhall.sso;

import static townhall.db.schema.Tables.MEMBER_IDENTITIES;
import static townhall.db.schema.Tables.SSO_ATTEMPTS;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** Identities at the provider, and sign-ins on their way through it. */
final class SsoStore {
    private final DSLContext db;

    SsoStore(DSLContext db) {
        this.db = db;
    }

    record Attempt(String nonce, String codeVerifier, String redirectUri, String nextPath, LocalDateTime expiresAt) {}

    void insertAttempt(String stateHash, Attempt attempt) {
        db.insertInto(SSO_ATTEMPTS)
                .set(SSO_ATTEMPTS.STATE_HASH, stateHash)
                .set(SSO_ATTEMPTS.NONCE, attempt.nonce())
                .set(SSO_ATTEMPTS.CODE_VERIFIER, attempt.codeVerifier())
                .set(SSO_ATTEMPTS.REDIRECT_URI, attempt.redirectUri())
                .set(SSO_ATTEMPTS.NEXT_PATH, attempt.nextPath())
                .set(SSO_ATTEMPTS.EXPIRES_AT, attempt.expiresAt())
                .execute();
    }

    /** The attempt of this state, removed so that it is used once; empty if there is none. */
    Optional<Attempt> takeAttempt(String stateHash) {
        Optional<Attempt> attempt = db.selectFrom(SSO_ATTEMPTS).where(SSO_ATTEMPTS.STATE_HASH.eq(stateHash)).forUpdate()
                .fetchOptional(r -> new Attempt(r.getNonce(), r.getCodeVerifier(), r.getRedirectUri(), r.getNextPath(),
                        r.getExpiresAt()));
        attempt.ifPresent(found -> db.deleteFrom(SSO_ATTEMPTS).where(SSO_ATTEMPTS.STATE_HASH.eq(stateHash)).execute());
        return attempt;
    }

    void deleteExpiredAttempts(LocalDateTime now) {
        db.deleteFrom(SSO_ATTEMPTS).where(SSO_ATTEMPTS.EXPIRES_AT.lt(now)).execute();
    }

    Optional<Long> memberOf(String issuer, String subject) {
        return db.select(MEMBER_IDENTITIES.MEMBER_ID).from(MEMBER_IDENTITIES)
                .where(MEMBER_IDENTITIES.ISSUER.eq(issuer).and(MEMBER_IDENTITIES.SUBJECT.eq(subject)))
                .fetchOptional(MEMBER_IDENTITIES.MEMBER_ID);
    }

    void link(String issuer, String subject, long memberId, LocalDateTime now) {
        db.insertInto(MEMBER_IDENTITIES)
                .set(MEMBER_IDENTITIES.ISSUER, issuer)
                .set(MEMBER_IDENTITIES.SUBJECT, subject)
                .set(MEMBER_IDENTITIES.MEMBER_ID, memberId)
                .set(MEMBER_IDENTITIES.CREATED_AT, now)
                .set(MEMBER_IDENTITIES.LAST_SEEN_AT, now)
                .execute();
    }

    void seen(String issuer, String subject, LocalDateTime now) {
        db.update(MEMBER_IDENTITIES).set(MEMBER_IDENTITIES.LAST_SEEN_AT, now)
                .where(MEMBER_IDENTITIES.ISSUER.eq(issuer).and(MEMBER_IDENTITIES.SUBJECT.eq(subject))).execute();
    }
}
