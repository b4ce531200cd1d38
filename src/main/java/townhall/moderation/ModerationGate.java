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

/**
 * What a new question or answer passes: pre-moderation of newcomers and the spam defence (honeypot, time to fill the
 * form, rate limits and pause by standing, the same text twice, blocked domains). A caught post is never refused nor
 * lost: it is written, held out of view, and lands in the review queue with the reasons.
 */
public final class ModerationGate implements ContentGate {
    static final String HELD = "held";

    private final ModerationStore store;
    private final Privileges privileges;
    private final SpamRules rules;
    private final MarkdownRenderer markdown;
    private final Clock clock;

    public ModerationGate(ModerationStore store, Privileges privileges, SpamRules rules, MarkdownRenderer markdown,
                          Clock clock) {
        this.store = store;
        this.privileges = privileges;
        this.rules = rules;
        this.markdown = markdown;
        this.clock = clock;
    }

    @Override
    public Verdict check(Member author, Submission s) {
        List<String> reasons = new ArrayList<>();
        if (!s.signals().honeypot().isBlank()) {
            reasons.add("spam.honeypot");
        }
        long now = clock.millis();
        if (s.signals().shownAtMillis() > 0 && now - s.signals().shownAtMillis() < rules.formSeconds() * 1000L) {
            reasons.add("spam.fast");
        }
        boolean trusted = author.isStaff() || author.helper();
        if (!trusted) {
            standing(author, s, reasons);
        }
        return new Verdict(s.title(), s.body(), List.copyOf(reasons), null);
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
        for (String link : links) {
            String host = hostOf(link);
            if (host != null && rules.blockedDomains().stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d))) {
                reasons.add("spam.domain:" + host);
                break;
            }
        }
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

    private static String hostOf(String link) {
        try {
            String host = URI.create(link.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void written(PostStore.PostInfo post, Verdict verdict) {
        if (verdict.holds()) {
            store.insertItem(post.id(), post.authorId(), HELD, String.join("\n", verdict.holdReasons()),
                    LocalDateTime.now(clock));
        }
    }
}
