package townhall.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import townhall.web.InvalidInput;
import townhall.web.Texts;
import townhall.db.Database;
import townhall.i18n.Text;

/** Registration, sign-in and sessions: the rules; the queries are in {@link AccountStore}. */
public final class AccountService {
    /** 3 to 32 characters; a dot, dash or underscore only between two letters or digits. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|[_.-](?=[A-Za-z0-9])){2,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Deleted accounts are renamed {@code deleted-<id>}: nobody registers such a name. */
    public static final String RESERVED_USERNAME_PREFIX = "deleted-";
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_PASSWORD_LENGTH = 200;
    /** last_seen is written at most this often, so reading a session costs no write per request. */
    private static final Duration TOUCH_EVERY = Duration.ofHours(1);

    private final Database database;
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final Duration sessionLength;

    public AccountService(Database database, AccountStore store, PasswordHasher hasher, AttemptLimiter limiter,
                          Clock clock, Duration sessionLength) {
        this.database = database;
        this.store = store;
        this.hasher = hasher;
        this.limiter = limiter;
        this.clock = clock;
        this.sessionLength = sessionLength;
    }

    public record Registration(String username, String email, String password) {}

    public record SignedIn(Member member, String sessionToken) {}

    /**
     * Creates a member with the given role whose address counts as confirmed (the demo, the create-admin command);
     * throws {@link InvalidInput} with a message per bad field.
     */
    public Member register(Registration form, Role role) {
        return register(form, role, true);
    }

    /** Sign-up: a member whose address waits for confirmation ({@link AddressService#signUp} sends the link). */
    Member registerUnconfirmed(Registration form) {
        return register(form, Role.MEMBER, false);
    }

    private Member register(Registration form, Role role, boolean confirmed) {
        String username = form.username() == null ? "" : form.username().trim();
        String email = normalEmail(form.email());
        String password = form.password() == null ? "" : form.password();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (username.isEmpty()) {
            errors.add("username", "account.error.username.missing");
        } else if (!USERNAME.matcher(username).matches()) {
            errors.add("username", "account.error.username.invalid");
        } else if (username.toLowerCase(Locale.ROOT).startsWith(RESERVED_USERNAME_PREFIX)) {
            errors.add("username", "account.error.username.taken");
        }
        checkEmail("email", email, errors);
        checkPassword("password", password, errors);
        errors.throwIfAny();
        String hash = hasher.hash(password);
        return database.inTransaction(() -> {
            InvalidInput.Collector taken = new InvalidInput.Collector();
            if (store.usernameTaken(username)) {
                taken.add("username", "account.error.username.lookalike");
            }
            if (store.emailTaken(email)) {
                taken.add("email", "account.error.email.taken");
            }
            taken.throwIfAny();
            LocalDateTime now = now();
            long id = store.insertMember(username, email, hash, role, now, confirmed ? now : null);
            return store.findById(id).orElseThrow();
        });
    }

    static String normalEmail(String email) {
        return Texts.line(email).toLowerCase(Locale.ROOT);
    }

    static void checkEmail(String field, String email, InvalidInput.Collector errors) {
        if (email.isEmpty()) {
            errors.add(field, "account.error.email.missing");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(field, "account.error.email.invalid");
        }
    }

    static void checkPassword(String field, String password, InvalidInput.Collector errors) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(field, "account.error.password.short", "min", MIN_PASSWORD_LENGTH);
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            errors.add(field, "account.error.password.long", "max", MAX_PASSWORD_LENGTH);
        }
    }

    /** Checks the password (within the rate limit) and opens a session. */
    public SignedIn signIn(String login, String password, String clientAddress) {
        String trimmed = login == null ? "" : login.trim();
        String given = password == null ? "" : password;
        if (trimmed.isEmpty() || given.isEmpty()) {
            throw InvalidInput.of("login", "account.error.signin.missing");
        }
        throwIfThrottled(limiter.tryAddress(clientAddress));
        Optional<AccountStore.Credentials> credentials = store.findCredentials(trimmed);
        // one bucket per account, however the login was spelt (case, accents, username or address)
        throwIfThrottled(limiter.tryAccount(credentials
                .map(found -> "member:" + found.member().id())
                .orElseGet(() -> "login:" + Names.folded(trimmed))));
        if (credentials.isEmpty()) {
            hasher.spendTimeOfOneCheck(given);
            throw InvalidInput.of("login", "account.error.signin.wrong");
        }
        if (!hasher.matches(given, credentials.get().passwordHash())) {
            throw InvalidInput.of("login", "account.error.signin.wrong");
        }
        Optional<AccountStore.Suspension> suspended = store.suspension(credentials.get().member().id(), now());
        if (suspended.isPresent()) {
            throw InvalidInput.of("login", "account.error.suspended", "until",
                    suspended.get().until().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC",
                    "reason", suspended.get().reason());
        }
        return new SignedIn(credentials.get().member(), openSession(credentials.get().member().id()));
    }

    private static void throwIfThrottled(Duration wait) {
        if (!wait.isZero()) {
            throw Throttled.after("account.error.signin.throttled", wait);
        }
    }

    public String openSession(long memberId) {
        String token = SecretTokens.newToken("");
        LocalDateTime now = now();
        store.insertSession(hashOf(token), memberId, now, now.plus(sessionLength));
        return token;
    }

    /** The member behind a session cookie, if the session is live; slides its expiry now and then. */
    public Optional<Member> memberForSession(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hashOf(token);
        LocalDateTime now = now();
        return store.findLiveSession(hash, now).map(session -> {
            if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
                store.extendSession(hash, now, now.plus(sessionLength));
            }
            return session.member();
        });
    }

    /** Saves a member's interface language; {@code null} follows the site's default again. */
    public void setLanguage(long memberId, String language) {
        store.setLanguage(memberId, language);
    }

    public void signOut(String token) {
        if (token != null && !token.isEmpty()) {
            store.deleteSession(hashOf(token));
        }
    }

    /**
     * A member created at their first single sign-on: the provider's username where it is free and valid here (else
     * one close to it), its address confirmed if the provider verified it, and no password that anyone knows.
     */
    public Member joinFromProvider(String wantedUsername, String email, boolean emailVerified, String language) {
        String address = normalEmail(email);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkEmail("email", address, errors);
        errors.throwIfAny();
        String base = usernameLike(wantedUsername, address);
        return database.inTransaction(() -> {
            if (store.emailTaken(address)) {
                throw InvalidInput.of("email", "sso.error.emailTaken");
            }
            String username = base;
            for (int n = 2; store.usernameTaken(username); n++) {
                username = base.substring(0, Math.min(base.length(), 28)) + n;
            }
            LocalDateTime now = now();
            long id = store.insertMember(username, address, hasher.hash(SecretTokens.newToken("")), Role.MEMBER, now,
                    emailVerified ? now : null);
            if (language != null) {
                store.setLanguage(id, language);
            }
            return store.findById(id).orElseThrow();
        });
    }

    /** A valid username from what the provider offers (a preferred username, else the address before the @). */
    static String usernameLike(String wanted, String email) {
        String source = wanted == null || wanted.isBlank() ? email.substring(0, Math.max(0, email.indexOf('@'))) : wanted;
        String cleaned = java.text.Normalizer.normalize(source, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z0-9_.-]", "").replaceAll("[_.-]{2,}", "_").replaceAll("^[_.-]+|[_.-]+$", "");
        if (cleaned.length() > 30) {
            cleaned = cleaned.substring(0, 30).replaceAll("[_.-]+$", "");
        }
        while (cleaned.length() < 3) {
            cleaned = cleaned + "0";
        }
        if (!USERNAME.matcher(cleaned).matches()
                || cleaned.toLowerCase(Locale.ROOT).startsWith(RESERVED_USERNAME_PREFIX)) {
            cleaned = "member";
        }
        return cleaned;
    }

    /** Makes a member staff or not as the provider's groups say; an administrator stays one. */
    public void setStaffFromProvider(Member member, boolean staff) {
        if (member.isAdmin() || member.isStaff() == staff) {
            return;
        }
        store.setRole(member.id(), staff ? Role.STAFF : Role.MEMBER);
    }

    public Optional<Member> findMember(long id) {
        return store.findById(id);
    }

    /** The member whose confirmed address this is, to link a provider that verified the same address. */
    public Optional<Member> findConfirmedByEmail(String email) {
        return store.findCredentials(normalEmail(email)).map(AccountStore.Credentials::member)
                .filter(member -> member.email().equals(normalEmail(email)) && member.emailConfirmed());
    }

    /** For the create-admin command: a new admin, or an existing member made admin with a new password. */
    public Member createOrPromoteAdmin(Registration form) {
        Optional<Member> existing = store.findByUsername(form.username().trim());
        if (existing.isEmpty()) {
            return register(form, Role.ADMIN);
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkPassword("password", form.password(), errors);
        errors.throwIfAny();
        database.inTransaction(() -> {
            store.setRole(existing.get().id(), Role.ADMIN);
            store.setPasswordHash(existing.get().id(), hasher.hash(form.password()));
        });
        return store.findById(existing.get().id()).orElseThrow();
    }

    public Duration sessionLength() { return sessionLength; }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    static String hashOf(String token) {
        return SecretTokens.hash(token);
    }

    /** Refused by a rate limit (sign-in, password reset); {@link #reason()} says how long to wait. */
    public static final class Throttled extends RuntimeException {
        private final String key;
        private final long minutes;

        public Throttled(String key, long minutes) {
            super("Too many attempts; wait " + minutes + " min", null, false, false);
            this.key = key;
            this.minutes = minutes;
        }

        static Throttled after(String key, Duration wait) {
            return new Throttled(key, Math.max(1, (wait.toSeconds() + 59) / 60));
        }

        public Text reason() {
            return Text.of(key, "minutes", minutes);
        }
    }
}
