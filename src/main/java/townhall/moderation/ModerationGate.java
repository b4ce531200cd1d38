package townhall.moderation;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.ContentGate;
import townhall.qa.PostStore;
import townhall.qa.QuestionLinks;
import townhall.account.AccountStore;
import townhall.i18n.Text;
import townhall.notify.Notifier;

/**
 * What a new question or answer passes: watched words, pre-moderation of newcomers and the spam defence (honeypot, time
 * to fill the form, rate limits and pause by standing, the same text twice, blocked domains). Comments and edits of
 * questions and answers pass the watched words and the blocked domains. A caught post is never refused nor lost: it is
 * written, held out of view, and lands in the review queue with the reasons (a blocking word alone refuses it).
 */
public final class ModerationGate implements ContentGate {
    static final String HELD = "held";
    static final String EDITED = "edited";

    private final ModerationStore store;
    private final Privileges privileges;
    private final SpamRules rules;
    private final MarkdownRenderer markdown;
    private final Clock clock;
    private final WatchedWords words;
    private final Notifier notifier;
    private final AccountStore accounts;
    private final List<String> listeners;

    /** {@code listeners}: usernames of the staff told of each mention of a listened-for word. */
    public ModerationGate(ModerationStore store, Privileges privileges, SpamRules rules, MarkdownRenderer markdown,
                          WatchedWords words, Notifier notifier, AccountStore accounts, List<String> listeners,
                          Clock clock) {
        this.words = words;
        this.notifier = notifier;
        this.accounts = accounts;
        this.listeners = listeners;
        this.store = store;
        this.privileges = privileges;
        this.rules = rules;
        this.markdown = markdown;
        this.clock = clock;
    }

    /** What {@link #written} does after the post is written: flag it, record mentions. */
    private record Memo(List<WatchedWords.Word> flags, List<WatchedWords.Word> listens) {}

    @Override
    public Verdict check(Member author, Submission s) {
        List<String> reasons = new ArrayList<>();
        boolean staff = author.isStaff();
        WatchedWords.Scan scan = staff ? new WatchedWords.Scan(s.title(), s.body(), List.of()) : words.scan(s.title(), s.body());
        for (WatchedWords.Word word : scan.with("hold")) {
            reasons.add("word.hold:" + word.pattern());
        }
        if (!s.signals().honeypot().isBlank()) {
            reasons.add("spam.honeypot");
        }
        long now = clock.millis();
        if (s.signals().shownAtMillis() > 0 && now - s.signals().shownAtMillis() < rules.formSeconds() * 1000L) {
            reasons.add("spam.fast");
        }
        boolean trusted = author.isStaff() || author.helper();
        boolean newPost = "question".equals(s.kind()) || "answer".equals(s.kind());
        if (!trusted && newPost) {
            standing(author, s, reasons);
        } else if (!trusted) { // a comment or an edit: its links, not the poster's pace
            blockedDomain(markdown.linkDestinations(s.body()), reasons);
        }
        List<WatchedWords.Word> listens = staff ? listened(s) : scan.with("listen");
        return new Verdict(scan.title(), scan.body(), List.copyOf(reasons), new Memo(scan.with("flag"), listens));
    }

    /** Staff's posts are not moderated, but what they say of a listened-for word is still a mention. */
    private List<WatchedWords.Word> listened(Submission s) {
        return words.all().stream().filter(w -> "listen".equals(w.action()))
                .filter(w -> !WatchedWords.spans(w, s.body()).isEmpty()
                        || s.title() != null && !WatchedWords.spans(w, s.title()).isEmpty())
                .toList();
    }

    private void standing(Member author, Submission s, List<String> reasons) {
        LocalDateTime now = LocalDateTime.now(clock);
        boolean isNew = privileges.isNewMember(author);
        if (isNew) {
            boolean question = "question".equals(s.kind());
            int limit = question ? rules.questionsPerDay() : rules.answersPerDay();
            if (limit >= 0 && store.postsSince(author.id(), s.kind(), now.minusHours(24)) >= limit) {
                reasons.add(question ? "spam.rate.questions" : "spam.rate.answers");
            }
            LocalDateTime last = store.lastPostAt(author.id());
            if (rules.pauseSeconds() > 0 && last != null && last.plusSeconds(rules.pauseSeconds()).isAfter(now)) {
                reasons.add("spam.pause");
            }
        }
        if (rules.duplicates() && store.postedBefore(author.id(), s.body())) {
            reasons.add("spam.duplicate");
        }
        List<String> links = markdown.linkDestinations(s.body());
        blockedDomain(links, reasons);
        switch (rules.premoderation()) {
            case "first" -> {
                if (store.postCount(author.id()) < rules.premoderationPosts()) {
                    reasons.add("premod.first");
                }
            }
            case "links" -> {
                if (isNew && !links.isEmpty()) {
                    reasons.add("premod.links");
                }
            }
            default -> { }
        }
    }

    private void blockedDomain(List<String> links, List<String> reasons) {
        for (String link : links) {
            String host = hostOf(link);
            if (host != null && rules.blockedDomains().stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d))) {
                reasons.add("spam.domain:" + host);
                return;
            }
        }
    }

    private static String hostOf(String link) {
        try {
            String host = URI.create(link.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A new member's edit (of their own post or, with the privilege, another's) waits in the queue for a look. */
    @Override
    public void edited(Member editor, PostStore.PostInfo post) {
        if (!privileges.isNewMember(editor)) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        store.openItemOf(post.id()).ifPresentOrElse(item -> store.addReason(item, "edit.new"),
                () -> store.insertItem(post.id(), post.authorId(), EDITED, "edit.new", now));
    }

    /**
     * A held comment waits, hidden, in the queue with its reasons (approving it shows it); a flagged one is queued in
     * view; a listened-for word in it is a mention of its post.
     */
    @Override
    public void commentWritten(PostStore.PostInfo post, long commentId, long authorId, Verdict verdict) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<String> reasons = new ArrayList<>(verdict.holdReasons());
        if (verdict.memo() instanceof Memo memo) {
            memo.flags().forEach(w -> reasons.add("word.flag:" + w.pattern()));
        }
        if (verdict.holds()) {
            reasons.add(ReviewService.HELD_COMMENT); // approving the item shows the comment
        }
        if (!reasons.isEmpty()) {
            store.insertItem(post.id(), commentId, authorId, verdict.holds() ? HELD : ReviewService.FLAGGED,
                    String.join("\n", reasons), now);
        }
        if (verdict.memo() instanceof Memo memo) {
            mentioned(post, memo, now);
        }
    }

    @Override
    public void written(PostStore.PostInfo post, Verdict verdict) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (verdict.holds()) {
            store.insertItem(post.id(), post.authorId(), HELD, String.join("\n", verdict.holdReasons()), now);
        }
        if (!(verdict.memo() instanceof Memo memo)) {
            return;
        }
        if (!memo.flags().isEmpty()) {
            String reasons = String.join("\n", memo.flags().stream().map(w -> "word.flag:" + w.pattern()).toList());
            store.openItemOf(post.id()).ifPresentOrElse(item -> store.addReason(item, reasons),
                    () -> store.insertItem(post.id(), post.authorId(), ReviewService.FLAGGED, reasons, now));
        }
        mentioned(post, memo, now);
    }

    private void mentioned(PostStore.PostInfo post, Memo memo, LocalDateTime now) {
        for (WatchedWords.Word word : memo.listens()) {
            words.mention(word, post.id(), now);
            for (String username : listeners) {
                accounts.findByUsername(username).filter(Member::isStaff).ifPresent(staff -> notifier.notify(staff.id(),
                        Text.of("moderation.notify.mention", "word", word.pattern(), "title", post.title()),
                        QuestionLinks.path(post.questionId(), post.slug()) + (post.isQuestion() ? "" : "#a" + post.id())));
            }
        }
    }
}
