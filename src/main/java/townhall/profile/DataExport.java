package townhall.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import townhall.i18n.Text;
import townhall.web.NotFound;

/**
 * Everything Townhall keeps about a member, as one JSON document they download (the right of access and of
 * portability): the account, the profile, their questions, answers, comments and votes, their notifications. Six
 * queries, whatever the member wrote. Times are UTC, in ISO 8601.
 */
public final class DataExport {
    private final ProfileStore store;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DataExport(ProfileStore store) {
        this.store = store;
    }

    record Document(String exportedAt, Account account, ProfileData profile, List<Post> questionsAndAnswers,
                    List<Comment> comments, List<Vote> votes, List<NotificationData> notifications) {}

    record Account(long id, String username, String email, String createdAt, String language, String role,
                   int reputation, boolean helper) {}

    record ProfileData(String displayName, String bio, String website, String avatarPngBase64, String updatedAt) {}

    record Post(long id, String kind, Long questionId, String title, String bodyMarkdown, int score, String createdAt,
                String editedAt, String deletedAt) {}

    record Comment(long id, long postId, String body, String createdAt, String deletedAt) {}

    record Vote(long postId, int value, String createdAt) {}

    record NotificationData(long id, String message, String link, String createdAt, String readAt) {}

    /** The member's data as JSON; {@code translate} puts notifications into words in the reader's language. */
    public String json(long memberId, Function<Text, String> translate, LocalDateTime now) {
        ProfileStore.AccountRow account = store.account(memberId).orElseThrow(NotFound::new);
        Profile profile = store.find(memberId).orElse(null);
        byte[] avatar = profile != null && profile.hasAvatar() ? store.avatarPng(memberId) : null;
        Document document = new Document(
                iso(now),
                new Account(account.id(), account.username(), account.email(), iso(account.createdAt()),
                        account.language(), account.role(), account.reputation(), account.helper()),
                profile == null ? null : new ProfileData(profile.displayName(), profile.bio(), profile.website(),
                        avatar == null ? null : Base64.getEncoder().encodeToString(avatar), iso(profile.updatedAt())),
                store.postsBy(memberId).stream().map(p -> new Post(p.id(), p.kind(), p.questionId(), p.title(),
                        p.bodyMarkdown(), p.score(), iso(p.createdAt()), iso(p.editedAt()), iso(p.deletedAt()))).toList(),
                store.commentsBy(memberId).stream().map(c -> new Comment(c.id(), c.postId(), c.body(),
                        iso(c.createdAt()), iso(c.deletedAt()))).toList(),
                store.votesBy(memberId).stream().map(v -> new Vote(v.postId(), v.value(), iso(v.createdAt()))).toList(),
                store.notificationsOf(memberId).stream().map(n -> new NotificationData(n.id(),
                        translate.apply(n.message()), n.link(), iso(n.createdAt()), iso(n.readAt()))).toList());
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String iso(LocalDateTime at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC).toString();
    }
}
