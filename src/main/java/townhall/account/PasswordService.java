package townhall.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import townhall.db.Database;
import townhall.mail.Letter;
import townhall.mail.Mailer;
import townhall.web.InvalidInput;

/**
 * Forgotten and changed passwords. A reset is asked for by username or address; the answer is the same whether an
 * account exists or not, and the link works once, expires, and signs the account out everywhere when used.
 */
public final class PasswordService {
    private final Database database;
    private final AccountStore store;
    private final AccountLinks links;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final AttemptLimiter limiter;
    private final Duration linkLife;

    public PasswordService(Database database, AccountStore store, PasswordHasher hasher, Mailer mailer,
                           AttemptLimiter limiter, Duration linkLife, Clock clock) {
        this.database = database;
        this.store = store;
        this.links = new AccountLinks(store, clock);
        this.hasher = hasher;
        this.mailer = mailer;
        this.limiter = limiter;
        this.linkLife = linkLife;
    }

    /**
     * Sends a reset link to the account named by {@code login}, if there is one. Too many requests from one client
     * address are refused with {@link AccountService.Throttled}; too many for one account are dropped silently, so
     * that the answer never tells whether an account exists.
     */
    public void requestReset(String login, String clientAddress, String language) {
        String given = login == null ? "" : login.trim();
        if (given.isEmpty()) {
            throw InvalidInput.of("login", "account.error.reset.missing");
        }
        Duration wait = limiter.tryAddress(clientAddress);
        if (!wait.isZero()) {
            throw AccountService.Throttled.after("account.error.reset.throttled", wait);
        }
        Optional<Member> member = store.findCredentials(given).map(AccountStore.Credentials::member);
        if (member.isEmpty() || !limiter.tryAccount("member:" + member.get().id()).isZero()) {
            return;
        }
        Member m = member.get();
        database.inTransaction(() -> {
            String token = links.issue(m.id(), AccountLinks.RESET, null, linkLife);
            mailer.send(Letter.transactional(m.email(), m.id(), AddressService.languageOf(m, language), "reset", Map.of(
                    "username", m.username(), "path", "/password/reset?t=" + token, "minutes", linkLife.toMinutes())));
        });
    }

    public boolean linkWorks(String token) {
        return links.valid(token, AccountLinks.RESET).isPresent();
    }

    /** Sets a new password by a reset link and signs the account out everywhere; empty when the link does not work. */
    public Optional<Member> reset(String token, String newPassword) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        AccountService.checkPassword("password", newPassword == null ? "" : newPassword, errors);
        errors.throwIfAny();
        String hash = hasher.hash(newPassword);
        return database.inTransaction(() -> links.use(token, AccountLinks.RESET).map(link -> {
            store.setPasswordHash(link.memberId(), hash);
            store.deleteSessionsOf(link.memberId(), null);
            return store.findById(link.memberId()).orElseThrow();
        }));
    }

    /** Changes the password of a signed-in member who knows the current one; their other sessions end. */
    public void change(Member member, String current, String newPassword, String sessionToken) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!hasher.matches(current == null ? "" : current, store.passwordHashOf(member.id()).orElse(""))) {
            errors.add("current", "account.error.password.wrong");
        }
        AccountService.checkPassword("password", newPassword == null ? "" : newPassword, errors);
        errors.throwIfAny();
        String hash = hasher.hash(newPassword);
        database.inTransaction(() -> {
            store.setPasswordHash(member.id(), hash);
            store.deleteSessionsOf(member.id(), sessionToken == null ? null : AccountService.hashOf(sessionToken));
        });
    }
}
