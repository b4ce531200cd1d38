package townhall.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import townhall.account.AccountService;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.PasswordHasher;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.qa.CurationService;
import townhall.qa.QaListener;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.Texts;

/** The rules of a member's profile and of deleting an account; one transaction each. */
public final class ProfileService {
    public static final int DISPLAY_NAME_MAX = 50;
    public static final int BIO_MAX = 500;
    public static final int WEBSITE_MAX = 200;
    public static final int AVATAR_MAX_MB = Avatars.MAX_BYTES / (1024 * 1024);
    /** A deleted member's username is this and their id; their email the same at the reserved domain {@code invalid}. */
    public static final String DELETED_PREFIX = AccountService.RESERVED_USERNAME_PREFIX;

    private final Database database;
    private final ProfileStore store;
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final CurationService curation;
    private final QaListener listener;
    private final Privileges privileges;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ProfileService(Database database, ProfileStore store, AccountStore accounts, PasswordHasher hasher,
                          CurationService curation, QaListener listener, Privileges privileges, Clock clock) {
        this.privileges = privileges;
        this.database = database;
        this.store = store;
        this.accounts = accounts;
        this.hasher = hasher;
        this.curation = curation;
        this.listener = listener;
        this.clock = clock;
    }

    /** The profile form's texts, as typed. */
    public record Form(String displayName, String bio, String website) {}

    /**
     * Saves the member's profile. {@code upload} is the chosen file's bytes (at most one byte over the limit is
     * enough to refuse it), or null when none was chosen; {@code removeAvatar} goes back to the generated avatar.
     */
    public void save(Member member, Form form, byte[] upload, boolean removeAvatar) {
        String displayName = Texts.line(form.displayName());
        String bio = paragraphs(form.bio());
        String website = Texts.line(form.website());
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (displayName.codePointCount(0, displayName.length()) > DISPLAY_NAME_MAX) {
            errors.add("displayName", "profile.settings.error.displayName", "max", DISPLAY_NAME_MAX);
        }
        if (bio.codePointCount(0, bio.length()) > BIO_MAX) {
            errors.add("bio", "profile.settings.error.bio", "max", BIO_MAX);
        }
        if (website.length() > WEBSITE_MAX) {
            errors.add("website", "profile.settings.error.website.long", "max", WEBSITE_MAX);
        } else if (!website.isEmpty() && !isWebLink(website)) {
            errors.add("website", "profile.settings.error.website.invalid");
        }
        ProfileStore.AvatarChange avatar = removeAvatar ? new ProfileStore.AvatarChange.Remove()
                : new ProfileStore.AvatarChange.Keep();
        if (upload != null && upload.length > 0) {
            try {
                avatar = new ProfileStore.AvatarChange.Replace(Avatars.toPng(upload));
            } catch (Avatars.Refused refused) {
                errors.add("avatar", refused.key(), "mb", AVATAR_MAX_MB);
            }
        }
        errors.throwIfAny();
        ProfileStore.AvatarChange change = avatar;
        database.inTransaction(() -> {
            Profile before = store.find(member.id()).orElse(Profile.empty(member.id()));
            // the generated avatar shows the display name's initial: a new name may need a new picture
            boolean bump = !(change instanceof ProfileStore.AvatarChange.Keep)
                    || !Objects.equals(before.displayName(), nullIfEmpty(displayName));
            store.save(member.id(), nullIfEmpty(displayName), nullIfEmpty(bio), nullIfEmpty(website), change, bump,
                    now());
        });
    }

    /** Whether the member with this id and username is a deleted account: the one rule, used by pages too. */
    public static boolean isDeleted(long memberId, String username) {
        return (DELETED_PREFIX + memberId).equals(username);
    }

    /**
     * A member deletes their own account, confirming with their password or by typing their username. Their posts
     * stay, shown as by a deleted member.
     */
    public void deleteOwn(Member member, String confirmation) {
        String typed = confirmation == null ? "" : confirmation;
        boolean confirmed = !typed.isBlank() && (typed.strip().equals(member.username())
                || accounts.findCredentials(member.username())
                        .filter(credentials -> credentials.member().id() == member.id())
                        .map(credentials -> hasher.matches(typed, credentials.passwordHash()))
                        .orElse(false));
        if (!confirmed) {
            throw InvalidInput.of("confirm", "profile.data.delete.error.confirm");
        }
        erase(member, member, false);
    }

    /** Staff delete another member's account, keeping their posts or soft-deleting them as a staff deletion does. */
    public void deleteByStaff(Member staff, Member target, boolean removePosts) {
        if (!privileges.mayDeleteAccount(staff, target)) {
            throw new NotAllowed("profile.delete.denied");
        }
        erase(staff, target, removePosts);
    }

    private void erase(Member actor, Member target, boolean removePosts) {
        if (!privileges.mayDeleteAccount(actor, target)) {
            throw new NotAllowed("profile.delete.denied");
        }
        if (target.isAdmin() && store.countAdmins() <= 1) {
            throw new NotAllowed("profile.delete.denied.lastAdmin");
        }
        String unusablePassword = hasher.hash(randomSecret());
        LocalDateTime now = now();
        database.inTransaction(() -> {
            List<Long> questions = store.questionsShowing(target.id());
            if (removePosts) {
                for (long postId : store.livePostsBy(target.id())) {
                    curation.delete(actor, postId); // joins this transaction: counts, marks, reputation, search
                }
                store.deleteCommentsBy(target.id(), now);
            }
            store.anonymise(target.id(), target.email(), DELETED_PREFIX + target.id(),
                    DELETED_PREFIX + target.id() + "@invalid", unusablePassword);
            // pages kept for visitors and the search index show the old name until their question changes
            questions.forEach(listener::questionChanged);
        });
    }

    static boolean isWebLink(String text) {
        if (text.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Plain text in paragraphs: line breaks kept (at most one empty line in a row), other control characters dropped. */
    static String paragraphs(String text) {
        if (text == null) {
            return "";
        }
        return Texts.clean(text, true).replace('\t', ' ')
                .replaceAll("[ \\u00a0]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static String nullIfEmpty(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private String randomSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
