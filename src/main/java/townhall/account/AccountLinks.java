package townhall.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Optional;

/**
 * The single-use links sent by email (confirm an address, reset a password, confirm a new address): a random token
 * in the link, only its SHA-256 kept; a link works once, until it expires, and a new one retires the old ones.
 */
final class AccountLinks {
    static final String CONFIRM = "confirm";
    static final String RESET = "reset";
    static final String EMAIL = "email";

    private final AccountStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccountLinks(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Makes a link's token (in the caller's transaction); {@code newEmail} only for {@link #EMAIL}. */
    String issue(long memberId, String purpose, String newEmail, Duration validFor) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LocalDateTime now = LocalDateTime.now(clock);
        store.retireTokens(memberId, purpose, now);
        store.insertToken(AccountService.hashOf(token), memberId, purpose, newEmail, now, now.plus(validFor));
        return token;
    }

    /** The link's facts while it may still be used, without using it (to show its form). */
    Optional<AccountStore.Token> valid(String token, String purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        LocalDateTime now = LocalDateTime.now(clock);
        return store.findToken(AccountService.hashOf(token))
                .filter(t -> t.purpose().equals(purpose) && t.usedAt() == null && t.expiresAt().isAfter(now));
    }

    /** Uses the link (in the caller's transaction): its facts, or empty when it is unknown, used or expired. */
    Optional<AccountStore.Token> use(String token, String purpose) {
        return valid(token, purpose)
                .filter(t -> store.useToken(AccountService.hashOf(token), LocalDateTime.now(clock)));
    }
}
