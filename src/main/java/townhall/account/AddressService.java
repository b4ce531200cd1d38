package townhall.account;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import townhall.db.Database;
import townhall.mail.Letter;
import townhall.mail.Mailer;
import townhall.web.InvalidInput;

/**
 * A member's email address: confirming it after sign-up (by a link sent to it), sending the link again, and
 * changing it (the new address confirms by its own link, the old one is told).
 */
public final class AddressService {
    private final Database database;
    private final AccountService accounts;
    private final AccountStore store;
    private final AccountLinks links;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final AccountListener listener;
    private final Duration linkLife;
    private final Clock clock;

    public AddressService(Database database, AccountService accounts, AccountStore store, PasswordHasher hasher,
                          Mailer mailer, AccountListener listener, Duration linkLife, Clock clock) {
        this.database = database;
        this.accounts = accounts;
        this.store = store;
        this.links = new AccountLinks(store, clock);
        this.hasher = hasher;
        this.mailer = mailer;
        this.listener = listener;
        this.linkLife = linkLife;
        this.clock = clock;
    }

    /** Sign-up: the member, and the link confirming their address on its way in {@code language}. */
    public Member signUp(AccountService.Registration form, String language) {
        return database.inTransaction(() -> {
            Member member = accounts.registerUnconfirmed(form);
            sendConfirmation(member, language);
            return member;
        });
    }

    /** Sends the confirmation link again (the earlier ones stop working). */
    public void resendConfirmation(Member member, String language) {
        if (!member.emailConfirmed()) {
            database.inTransaction(() -> sendConfirmation(member, languageOf(member, language)));
        }
    }

    private void sendConfirmation(Member member, String language) {
        String token = links.issue(member.id(), AccountLinks.CONFIRM, null, linkLife);
        mailer.send(Letter.transactional(member.email(), member.id(), language, "confirm", Map.of(
                "username", member.username(), "path", "/account/confirm?t=" + token, "hours", linkLife.toHours())));
    }

    /** Whether a confirmation link (of a new member or a new address) may still be followed. */
    public boolean linkWorks(String token) {
        return links.valid(token, AccountLinks.CONFIRM).or(() -> links.valid(token, AccountLinks.EMAIL)).isPresent();
    }

    /**
     * Follows a confirmation link: the member whose address it confirmed, or empty when the link is unknown, used or
     * expired. A new address that another member took meanwhile is refused.
     */
    public Optional<Member> confirm(String token) {
        return database.inTransaction(() -> {
            Optional<AccountStore.Token> link = links.use(token, AccountLinks.CONFIRM)
                    .or(() -> links.use(token, AccountLinks.EMAIL));
            if (link.isEmpty()) {
                return Optional.<Member>empty();
            }
            Member member = store.findById(link.get().memberId()).orElseThrow();
            LocalDateTime now = LocalDateTime.now(clock);
            if (link.get().newEmail() != null) {
                if (store.emailTaken(link.get().newEmail())) {
                    throw InvalidInput.of("email", "account.error.email.taken");
                }
                store.confirmEmail(member.id(), link.get().newEmail(), now);
            } else if (!member.emailConfirmed()) {
                store.confirmEmail(member.id(), member.email(), now);
                listener.confirmed(store.findById(member.id()).orElseThrow());
            }
            return store.findById(member.id());
        });
    }

    /** Asks to change the address: the password proves it is the member; the new address gets a link, the old a note. */
    public void requestChange(Member member, String password, String newAddress, String language) {
        String email = AccountService.normalEmail(newAddress);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        AccountService.checkEmail("email", email, errors);
        if (email.equals(member.email())) {
            errors.add("email", "account.error.email.same");
        } else if (!email.isEmpty() && store.emailTaken(email)) {
            errors.add("email", "account.error.email.taken");
        }
        if (!hasher.matches(password == null ? "" : password, store.passwordHashOf(member.id()).orElse(""))) {
            errors.add("current", "account.error.password.wrong");
        }
        errors.throwIfAny();
        String lang = languageOf(member, language);
        database.inTransaction(() -> {
            String token = links.issue(member.id(), AccountLinks.EMAIL, email, linkLife);
            mailer.send(Letter.transactional(email, member.id(), lang, "email_confirm", Map.of(
                    "username", member.username(), "path", "/account/confirm?t=" + token, "hours", linkLife.toHours())));
            mailer.send(Letter.transactional(member.email(), member.id(), lang, "email_changing", Map.of(
                    "username", member.username(), "newAddress", email, "path", "/settings/account")));
        });
    }

    static String languageOf(Member member, String fallback) {
        return member.language() != null ? member.language() : fallback;
    }
}
