package townhall.moderation;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.events.EventType;
import townhall.events.Events;
import townhall.i18n.Text;
import townhall.mail.Letter;
import townhall.mail.Mailer;
import townhall.notify.Notifier;
import townhall.qa.CurationService;
import townhall.qa.PostStore;
import townhall.qa.PostVisibility;
import townhall.qa.QuestionLinks;
import townhall.reputation.HelperService;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Flags and the review queue: members flag posts, enough trusted flags hide one at once, a spam flag by staff or a
 * Helper removes it; reviewers approve, edit and approve, reject with a reason, delete as spam or dismiss the flags.
 * Every decision tells the flaggers the outcome and the author what became of their post, and is logged.
 */
public final class ReviewService {
    public static final List<String> FLAG_REASONS = List.of("spam", "rude", "offtopic", "staff");
    public static final int NOTE_MAX = 500;
    static final String FLAGGED = "flagged";
    /** The reason line of a comment's item once flags hid the comment (approving shows it again). */
    static final String HIDDEN_COMMENT = "hidden";
    /** The reason line of a comment held (hidden) when written: approving it shows the comment. */
    static final String HELD_COMMENT = "comment.held";

    private final Database database;
    private final ModerationStore store;
    private final PostStore posts;
    private final PostVisibility visibility;
    private final CurationService curation;
    private final Privileges privileges;
    private final Notifier notifier;
    private final Mailer mailer;
    private final AccountStore accounts;
    private final HelperService helpers;
    private final Events events;
    private final String base;
    private final String siteLanguage;
    private final Clock clock;

    public ReviewService(Database database, ModerationStore store, PostStore posts, PostVisibility visibility,
                         CurationService curation, Privileges privileges, Notifier notifier, Mailer mailer,
                         AccountStore accounts, HelperService helpers, Events events, String base, String siteLanguage,
                         Clock clock) {
        this.siteLanguage = siteLanguage;
        this.database = database;
        this.store = store;
        this.posts = posts;
        this.visibility = visibility;
        this.curation = curation;
        this.privileges = privileges;
        this.notifier = notifier;
        this.mailer = mailer;
        this.accounts = accounts;
        this.helpers = helpers;
        this.events = events;
        this.base = base;
        this.clock = clock;
    }

    /** What happened to a flag: the post was hidden, removed, or only queued. */
    public enum FlagOutcome { QUEUED, HIDDEN, REMOVED }

    public FlagOutcome flag(Member flagger, long postId, String reason, String note) {
        PostStore.PostInfo post = posts.info(postId).filter(p -> !p.deleted() && !p.questionDeleted())
                .orElseThrow(NotFound::new);
        return flag(flagger, post, null, reason, note);
    }

    /** Flags a comment: as a post's flag, the comment hidden or removed instead of the post. */
    public FlagOutcome flagComment(Member flagger, long commentId, String reason, String note) {
        PostStore.CommentInfo comment = posts.comment(commentId).filter(c -> !c.deleted()).orElseThrow(NotFound::new);
        PostStore.PostInfo post = posts.info(comment.postId()).filter(p -> !p.deleted() && !p.questionDeleted())
                .orElseThrow(NotFound::new);
        return flag(flagger, post, comment, reason, note);
    }

    private FlagOutcome flag(Member flagger, PostStore.PostInfo post, PostStore.CommentInfo comment, String reason,
                             String note) {
        if (!privileges.canFlag(flagger)) {
            throw new NotAllowed("moderation.denied.flag", "reputation", privileges.rules().flag());
        }
        long authorId = comment == null ? post.authorId() : comment.authorId();
        long commentId = comment == null ? 0 : comment.id();
        long postId = post.id();
        if (authorId == flagger.id()) {
            throw new NotAllowed("moderation.denied.flag.own");
        }
        String why = reason == null ? "" : reason.strip();
        String text = note == null ? "" : note.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (!FLAG_REASONS.contains(why)) {
            errors.add("reason", "moderation.error.flag.reason");
        } else if ("staff".equals(why) && text.isEmpty()) {
            errors.add("note", "moderation.error.flag.note");
        }
        if (text.length() > NOTE_MAX) {
            errors.add("note", "moderation.error.note.long", "max", NOTE_MAX);
        }
        if (!errors.has("reason") && !errors.has("note") && store.hasFlagged(postId, commentId, flagger.id())) {
            errors.add("reason", "moderation.error.flag.twice");
        }
        errors.throwIfAny();
        return database.inTransaction(() -> {
            LocalDateTime now = now();
            store.insertFlag(postId, commentId, flagger.id(), why, text, privileges.isTrustedFlagger(flagger), now);
            long itemId = store.openItemOf(postId, commentId)
                    .orElseGet(() -> store.insertItem(postId, commentId, authorId, FLAGGED, "", now));
            Map<String, Object> data = postData(post);
            if (comment != null) {
                data.put("commentId", commentId);
            }
            data.put("reason", why);
            events.emit(EventType.POST_FLAGGED, postId, data);
            boolean removes = "spam".equals(why) && privileges.spamFlagRemoves(flagger);
            if (comment != null) {
                if (removes || store.openTrustedFlags(postId, commentId) >= privileges.rules().flagsToHide()) {
                    visibility.setCommentHidden(comment, true);
                    if (removes) {
                        store.decide(itemId, "spam", flagger.id(), now);
                        tellFlaggers(post, commentId, "upheld", now);
                        helpers.sanctioned(authorId, flagger.id(), "spam");
                        store.log(flagger.id(), "spam", authorId, postId, "comment " + commentId, now);
                        return FlagOutcome.REMOVED;
                    }
                    store.addReason(itemId, HIDDEN_COMMENT);
                    store.log(null, "hide", authorId, postId, "comment " + commentId, now);
                    return FlagOutcome.HIDDEN;
                }
                return FlagOutcome.QUEUED;
            }
            if (removes) {
                removeAsSpam(flagger, itemId, post, false);
                return FlagOutcome.REMOVED;
            }
            if (store.openTrustedFlags(postId, 0) >= privileges.rules().flagsToHide()) {
                visibility.withdraw(post, flagger.id(), PostVisibility.HIDDEN);
                store.log(null, "hide", post.authorId(), postId, "flags", now);
                return FlagOutcome.HIDDEN;
            }
            return FlagOutcome.QUEUED;
        });
    }

    /** The open items, oldest first, with their authors' history and the flags: a bounded number of queries. */
    public ReviewQueue queue(Member reviewer, int limit) {
        requireReviewer(reviewer);
        List<ModerationStore.Item> items = store.openItems(null, limit);
        return new ReviewQueue(items, store.historyOf(items.stream().map(ModerationStore.Item::authorId).toList()),
                store.openFlags(items.stream().map(ModerationStore.Item::postId).toList()), store.openCount());
    }

    public int openCount() {
        return store.openCount();
    }

    public enum Decision { APPROVE, REJECT, SPAM, DISMISS }

    public record Edit(String title, String body, String reason) {}

    /**
     * A reviewer's decision on an open item; {@code reason} is required to reject; {@code allPosts} with spam removes the
     * author's other posts too; {@code edit} (approve only) edits the post as it is approved.
     */
    public void decide(Member reviewer, long itemId, Decision decision, String reason, boolean allPosts, Edit edit) {
        requireReviewer(reviewer);
        ModerationStore.Item item = store.openItems(itemId, 1).stream().findFirst()
                .orElseThrow(() -> new NotAllowed("moderation.denied.decided"));
        String why = reason == null ? "" : reason.strip();
        if (decision == Decision.REJECT && why.isEmpty()) {
            throw InvalidInput.of("reason", "moderation.error.reject.reason");
        }
        if (why.length() > NOTE_MAX) {
            throw InvalidInput.of("reason", "moderation.error.note.long", "max", NOTE_MAX);
        }
        PostStore.PostInfo post = posts.info(item.postId()).orElseThrow(NotFound::new);
        if (item.isComment()) {
            decideComment(reviewer, item, post, decision, why);
            return;
        }
        database.inTransaction(() -> {
            LocalDateTime now = now();
            switch (decision) {
                case APPROVE, DISMISS -> {
                    if (!post.deleted() || posts.reviewState(post.id()) != null) { // not a post deleted meanwhile
                        visibility.reinstate(post, reviewer.id());
                    }
                    if (edit != null) {
                        String tags = post.isQuestion() ? String.join(" ", posts.tagsOf(post.id())) : "";
                        curation.edit(reviewer, post.id(), new CurationService.EditForm(
                                edit.title() == null ? post.title() : edit.title(), edit.body(), tags, edit.reason()));
                    }
                    store.decide(itemId, decision.name().toLowerCase(), reviewer.id(), now);
                    tellFlaggers(post, "declined", now);
                    if (ModerationGate.HELD.equals(item.kind())) {
                        notifier.notify(post.authorId(), Text.of("moderation.notify.approved", "title", post.title()),
                                QuestionLinks.path(post.questionId(), post.slug()));
                    }
                    store.log(reviewer.id(), edit != null ? "edit_approve" : decision.name().toLowerCase(),
                            post.authorId(), post.id(), why, now);
                }
                case REJECT -> {
                    visibility.withdraw(post, reviewer.id(), null);
                    store.decide(itemId, "reject", reviewer.id(), now);
                    tellFlaggers(post, "upheld", now);
                    tellAuthor(post, "moderation.notify.rejected", why);
                    store.log(reviewer.id(), "reject", post.authorId(), post.id(), why, now);
                }
                case SPAM -> removeAsSpam(reviewer, itemId, post, allPosts);
            }
        });
    }

    /** A comment's item: approving or dismissing shows a comment the flags hid; rejecting or spam removes it. */
    private void decideComment(Member reviewer, ModerationStore.Item item, PostStore.PostInfo post, Decision decision,
                               String why) {
        PostStore.CommentInfo comment = posts.comment(item.commentId()).orElseThrow(NotFound::new);
        database.inTransaction(() -> {
            LocalDateTime now = now();
            boolean keep = decision == Decision.APPROVE || decision == Decision.DISMISS;
            if (keep && comment.deleted() && item.reasons().lines()
                    .anyMatch(line -> HIDDEN_COMMENT.equals(line) || HELD_COMMENT.equals(line))) {
                visibility.setCommentHidden(comment, false);
            } else if (!keep) {
                visibility.setCommentHidden(comment, true);
            }
            String name = decision.name().toLowerCase(java.util.Locale.ROOT);
            store.decide(item.id(), name, reviewer.id(), now);
            tellFlaggers(post, comment.id(), keep ? "declined" : "upheld", now);
            if (decision == Decision.REJECT) {
                notifier.notify(comment.authorId(), Text.of("moderation.notify.comment.rejected", "title", post.title(),
                        "reason", why), "");
            }
            if (decision == Decision.SPAM) {
                helpers.sanctioned(comment.authorId(), reviewer.id(), "spam");
            }
            store.log(reviewer.id(), name, comment.authorId(), post.id(), "comment " + comment.id()
                    + (why.isEmpty() ? "" : ": " + why), now);
        });
    }

    /** Removes the post (and with {@code allPosts} every other post of its author), counts a strike, logs it. */
    private void removeAsSpam(Member actor, long itemId, PostStore.PostInfo post, boolean allPosts) {
        LocalDateTime now = now();
        visibility.withdraw(post, actor.id(), null);
        store.decide(itemId, "spam", actor.id(), now);
        tellFlaggers(post, "upheld", now);
        if (allPosts) {
            for (long other : store.visiblePostsOf(post.authorId())) {
                posts.info(other).ifPresent(p -> {
                    visibility.withdraw(p, actor.id(), null);
                    store.openItemOf(other).ifPresent(id -> store.decide(id, "spam", actor.id(), now));
                    tellFlaggers(p, "upheld", now);
                });
            }
        }
        helpers.sanctioned(post.authorId(), actor.id(), "spam");
        store.log(actor.id(), allPosts ? "spam_all" : "spam", post.authorId(), post.id(), "", now);
    }

    private void tellFlaggers(PostStore.PostInfo post, String outcome, LocalDateTime now) {
        tellFlaggers(post, 0, outcome, now);
    }

    private void tellFlaggers(PostStore.PostInfo post, long commentId, String outcome, LocalDateTime now) {
        for (long flagger : store.resolveFlags(post.id(), commentId, outcome, now)) {
            notifier.notify(flagger, Text.of("moderation.notify.flag." + outcome, "title", post.title()),
                    "upheld".equals(outcome) ? "" : QuestionLinks.path(post.questionId(), post.slug()));
        }
    }

    /** In-app and by email: what became of their post, and why. */
    private void tellAuthor(PostStore.PostInfo post, String key, String reason) {
        notifier.notify(post.authorId(), Text.of(key, "title", post.title(), "reason", reason), "");
        accounts.findById(post.authorId()).ifPresent(author -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("username", author.username());
            model.put("title", post.title());
            model.put("reason", reason);
            mailer.send(Letter.transactional(author.email(), author.id(),
                    author.language() == null ? siteLanguage : author.language(), "moderation_rejected", model));
        });
    }

    private Map<String, Object> postData(PostStore.PostInfo post) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postId", post.id());
        data.put("questionId", post.questionId());
        data.put("title", post.title());
        data.put("url", base + QuestionLinks.path(post.questionId(), post.slug())
                + (post.isQuestion() ? "" : "#a" + post.id()));
        return data;
    }

    private void requireReviewer(Member member) {
        if (!privileges.mayReview(member)) {
            throw new NotAllowed("moderation.denied.review");
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
