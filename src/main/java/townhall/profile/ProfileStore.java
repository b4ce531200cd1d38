package townhall.profile;

import static townhall.db.schema.Tables.ACCOUNT_TOKENS;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.MAIL_MESSAGES;
import static townhall.db.schema.Tables.MAIL_UNSUBSCRIBES;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.NOTIFICATION_PREFS;
import static townhall.db.schema.Tables.WATCHES;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.PROFILES;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.SESSIONS;
import static townhall.db.schema.Tables.VOTES;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import townhall.account.Role;
import townhall.i18n.Text;

/** The profiles table, and what a member's export and the erasure of their account read and write. */
public final class ProfileStore {
    private final DSLContext db;

    public ProfileStore(DSLContext db) {
        this.db = db;
    }

    /** A member's profile, without the avatar's bytes. */
    public Optional<Profile> find(long memberId) {
        return db.select(PROFILES.MEMBER_ID, PROFILES.DISPLAY_NAME, PROFILES.BIO, PROFILES.WEBSITE,
                        DSL.field(PROFILES.AVATAR_PNG.isNotNull()).as("has_avatar"), PROFILES.AVATAR_VERSION, PROFILES.UPDATED_AT)
                .from(PROFILES)
                .where(PROFILES.MEMBER_ID.eq(memberId))
                .fetchOptional(ProfileStore::toProfile);
    }

    private static Profile toProfile(Record r) {
        return new Profile(r.get(PROFILES.MEMBER_ID), r.get(PROFILES.DISPLAY_NAME), r.get(PROFILES.BIO),
                r.get(PROFILES.WEBSITE), Boolean.TRUE.equals(r.get("has_avatar", Boolean.class)),
                r.get(PROFILES.AVATAR_VERSION), r.get(PROFILES.UPDATED_AT));
    }

    /** What {@code /u/{username}/avatar} serves: the uploaded PNG (null when none) and what the generated one shows. */
    public record AvatarSource(long memberId, String username, String displayName, byte[] png, int version) {}

    public Optional<AvatarSource> avatar(String username) {
        return db.select(MEMBERS.ID, MEMBERS.USERNAME, PROFILES.DISPLAY_NAME, PROFILES.AVATAR_PNG, PROFILES.AVATAR_VERSION)
                .from(MEMBERS)
                .leftJoin(PROFILES).on(PROFILES.MEMBER_ID.eq(MEMBERS.ID))
                .where(MEMBERS.USERNAME.eq(username))
                .fetchOptional(r -> new AvatarSource(r.get(MEMBERS.ID), r.get(MEMBERS.USERNAME),
                        r.get(PROFILES.DISPLAY_NAME), r.get(PROFILES.AVATAR_PNG),
                        r.get(PROFILES.AVATAR_VERSION) == null ? 0 : r.get(PROFILES.AVATAR_VERSION)));
    }

    /** The avatar as a profile change leaves it. */
    public sealed interface AvatarChange {
        record Keep() implements AvatarChange {}

        record Remove() implements AvatarChange {}

        record Replace(byte[] png) implements AvatarChange {}
    }

    /** Writes the profile (the row is made on the first save); {@code bumpAvatar} gives the avatar a new address. */
    public void save(long memberId, String displayName, String bio, String website, AvatarChange avatar,
                     boolean bumpAvatar, LocalDateTime now) {
        int bump = bumpAvatar ? 1 : 0;
        var insert = db.insertInto(PROFILES)
                .set(PROFILES.MEMBER_ID, memberId)
                .set(PROFILES.DISPLAY_NAME, displayName)
                .set(PROFILES.BIO, bio)
                .set(PROFILES.WEBSITE, website)
                .set(PROFILES.AVATAR_PNG, avatar instanceof AvatarChange.Replace r ? r.png() : null)
                .set(PROFILES.AVATAR_VERSION, bump)
                .set(PROFILES.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(PROFILES.DISPLAY_NAME, displayName)
                .set(PROFILES.BIO, bio)
                .set(PROFILES.WEBSITE, website)
                .set(PROFILES.AVATAR_VERSION, PROFILES.AVATAR_VERSION.plus(bump))
                .set(PROFILES.UPDATED_AT, now);
        switch (avatar) {
            case AvatarChange.Replace replace -> insert.set(PROFILES.AVATAR_PNG, replace.png()).execute();
            case AvatarChange.Remove remove -> insert.setNull(PROFILES.AVATAR_PNG).execute();
            case AvatarChange.Keep keep -> insert.execute();
        }
    }

    // What a member's export holds: one query for each kind of thing, never one per row.

    public record AccountRow(long id, String username, String email, LocalDateTime createdAt, String language,
                             String role, int reputation, boolean helper) {}

    public Optional<AccountRow> account(long memberId) {
        return db.selectFrom(MEMBERS).where(MEMBERS.ID.eq(memberId))
                .fetchOptional(r -> new AccountRow(r.getId(), r.getUsername(), r.getEmail(), r.getCreatedAt(),
                        r.getLanguage(), r.getRole(), r.getReputation(), Boolean.TRUE.equals(r.getHelper())));
    }

    /** The PNG of a member's uploaded avatar, or null: for the export. */
    public byte[] avatarPng(long memberId) {
        return db.select(PROFILES.AVATAR_PNG).from(PROFILES).where(PROFILES.MEMBER_ID.eq(memberId))
                .fetchOptional(PROFILES.AVATAR_PNG).orElse(null);
    }

    public record PostRow(long id, String kind, Long questionId, String title, String bodyMarkdown, int score,
                          LocalDateTime createdAt, LocalDateTime editedAt, LocalDateTime deletedAt) {}

    /** The member's questions and answers, oldest first; a question with its title. */
    public List<PostRow> postsBy(long memberId) {
        return db.select(POSTS.ID, POSTS.KIND, POSTS.QUESTION_ID, QUESTIONS.TITLE, POSTS.BODY_MD, POSTS.SCORE,
                        POSTS.CREATED_AT, POSTS.EDITED_AT, POSTS.DELETED_AT)
                .from(POSTS)
                .leftJoin(QUESTIONS).on(QUESTIONS.ID.eq(POSTS.ID))
                .where(POSTS.AUTHOR_ID.eq(memberId))
                .orderBy(POSTS.ID)
                .fetch(r -> new PostRow(r.get(POSTS.ID), r.get(POSTS.KIND), r.get(POSTS.QUESTION_ID),
                        r.get(QUESTIONS.TITLE), r.get(POSTS.BODY_MD), r.get(POSTS.SCORE), r.get(POSTS.CREATED_AT),
                        r.get(POSTS.EDITED_AT), r.get(POSTS.DELETED_AT)));
    }

    public record CommentRow(long id, long postId, String body, LocalDateTime createdAt, LocalDateTime deletedAt) {}

    public List<CommentRow> commentsBy(long memberId) {
        return db.selectFrom(COMMENTS).where(COMMENTS.AUTHOR_ID.eq(memberId)).orderBy(COMMENTS.ID)
                .fetch(r -> new CommentRow(r.getId(), r.getPostId(), r.getBody(), r.getCreatedAt(), r.getDeletedAt()));
    }

    public record VoteRow(long postId, int value, LocalDateTime createdAt) {}

    public List<VoteRow> votesBy(long memberId) {
        return db.selectFrom(VOTES).where(VOTES.MEMBER_ID.eq(memberId)).orderBy(VOTES.CREATED_AT, VOTES.POST_ID)
                .fetch(r -> new VoteRow(r.getPostId(), r.getValue(), r.getCreatedAt()));
    }

    public record NotificationRow(long id, Text message, String link, LocalDateTime createdAt, LocalDateTime readAt) {}

    public List<NotificationRow> notificationsOf(long memberId) {
        return db.selectFrom(NOTIFICATIONS).where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).orderBy(NOTIFICATIONS.ID)
                .fetch(r -> new NotificationRow(r.getId(), Text.decode(r.getMessage()), r.getLink(), r.getCreatedAt(),
                        r.getReadAt()));
    }

    // Deleting an account.

    /** The member's posts not yet deleted. */
    public List<Long> livePostsBy(long memberId) {
        return db.select(POSTS.ID).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(memberId)).and(POSTS.DELETED_AT.isNull())
                .orderBy(POSTS.ID)
                .fetch(POSTS.ID);
    }

    /** Every question whose page shows the member's name: asked, answered or commented on by them. */
    public List<Long> questionsShowing(long memberId) {
        var asked = DSL.select(DSL.coalesce(POSTS.QUESTION_ID, POSTS.ID).as("question"))
                .from(POSTS).where(POSTS.AUTHOR_ID.eq(memberId));
        var commented = DSL.select(DSL.coalesce(POSTS.QUESTION_ID, POSTS.ID).as("question"))
                .from(COMMENTS).join(POSTS).on(POSTS.ID.eq(COMMENTS.POST_ID))
                .where(COMMENTS.AUTHOR_ID.eq(memberId));
        return db.fetch(asked.union(commented)).getValues(0, Long.class);
    }

    public void deleteCommentsBy(long memberId, LocalDateTime now) {
        db.update(COMMENTS).set(COMMENTS.DELETED_AT, now)
                .where(COMMENTS.AUTHOR_ID.eq(memberId)).and(COMMENTS.DELETED_AT.isNull())
                .execute();
    }

    /**
     * Erases what identifies the member and keeps the row their posts, votes and reputation point to: the username
     * and email become placeholders, the password one nobody knows, the language is forgotten; the profile, the
     * sessions, the links mailed to them, the notifications, what they watched and how they wanted email, and the mail written to them go, and so does their address from the unsubscribe list.
     */
    public void anonymise(long memberId, String email, String username, String placeholderEmail, String passwordHash) {
        db.deleteFrom(MAIL_UNSUBSCRIBES).where(MAIL_UNSUBSCRIBES.ADDRESS.eq(email)).execute();
        db.deleteFrom(MAIL_MESSAGES).where(MAIL_MESSAGES.MEMBER_ID.eq(memberId)).execute();
        db.deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).execute();
        db.deleteFrom(WATCHES).where(WATCHES.MEMBER_ID.eq(memberId)).execute(); // nothing is fanned out to them
        db.deleteFrom(NOTIFICATION_PREFS).where(NOTIFICATION_PREFS.MEMBER_ID.eq(memberId)).execute();
        db.deleteFrom(SESSIONS).where(SESSIONS.MEMBER_ID.eq(memberId)).execute();
        db.deleteFrom(ACCOUNT_TOKENS).where(ACCOUNT_TOKENS.MEMBER_ID.eq(memberId)).execute(); // no reset link outlives it
        db.deleteFrom(PROFILES).where(PROFILES.MEMBER_ID.eq(memberId)).execute();
        db.update(MEMBERS)
                .set(MEMBERS.USERNAME, username)
                .set(MEMBERS.EMAIL, placeholderEmail)
                .set(MEMBERS.PASSWORD_HASH, passwordHash)
                .set(MEMBERS.LANGUAGE, (String) null)
                .where(MEMBERS.ID.eq(memberId))
                .execute();
    }

    public int countAdmins() {
        return db.fetchCount(MEMBERS, MEMBERS.ROLE.eq(Role.ADMIN.dbValue()));
    }
}
