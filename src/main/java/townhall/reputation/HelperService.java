package townhall.reputation;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.notify.Notifier;
import townhall.qa.PostStore;

/**
 * Helper status: earned automatically when the criteria hold, checked when something relevant happens to a
 * member (and by a periodic sweep for criteria that time alone fulfils); staff grant or revoke it, and their
 * decision wins until they lift it. Also awards badges, which follow the same events.
 */
public final class HelperService {
    static final String GRANT = "grant";
    static final String REVOKE = "revoke";

    private final Database database;
    private final ReputationStore store;
    private final PostStore posts;
    private final ReputationRules rules;
    private final Notifier notifier;
    private final Clock clock;

    public HelperService(Database database, ReputationStore store, PostStore posts, ReputationRules rules, Notifier notifier,
                         Clock clock) {
        this.notifier = notifier;
        this.database = database;
        this.store = store;
        this.posts = posts;
        this.rules = rules;
        this.clock = clock;
    }

    /** How far a member is from Helper status by the automatic criteria. */
    public record Progress(boolean helper, String override, int reputationToGo, int answersToGo, int daysToGo,
                           boolean strikeBlocks, LocalDateTime strikeClearsAt, int strikeDays) {
        public boolean criteriaMet() {
            return reputationToGo == 0 && answersToGo == 0 && daysToGo == 0 && !strikeBlocks;
        }

        /** "3 more accepted or verified answers and 120 reputation to go", in the reader's language. */
        public Text summary() {
            List<Text> parts = new ArrayList<>();
            if (answersToGo > 0) {
                parts.add(Text.of("profile.progress.answers", "count", answersToGo));
            }
            if (reputationToGo > 0) {
                parts.add(Text.of("profile.progress.reputation", "count", reputationToGo));
            }
            if (daysToGo > 0) {
                parts.add(Text.of("profile.progress.days", "count", daysToGo));
            }
            Text toGo = parts.isEmpty() ? null : Text.of("profile.progress.toGo", "parts", parts);
            Text strike = strikeBlocks ? Text.of("profile.progress.strike", "count", strikeDays) : null;
            if (toGo != null && strike != null) {
                return Text.of("profile.progress.both", "toGo", toGo, "strike", strike);
            }
            return toGo != null ? toGo : strike != null ? strike : Text.of("profile.progress.done");
        }
    }

    public Progress progress(ReputationStore.Standing s) {
        LocalDateTime now = LocalDateTime.now(clock);
        int reputationToGo = Math.max(0, rules.helperReputation() - s.reputation());
        int answersToGo = Math.max(0, rules.helperAnswers() - s.acceptedOrVerified());
        long ageDays = java.time.Duration.between(s.joinedAt(), now).toDays();
        int daysToGo = (int) Math.max(0, rules.helperAccountDays() - ageDays);
        LocalDateTime strikeClears = s.lastStrikeAt() == null ? null : s.lastStrikeAt().plusDays(rules.helperStrikeDays());
        boolean strikeBlocks = strikeClears != null && strikeClears.isAfter(now);
        return new Progress(s.helper(), s.override(), reputationToGo, answersToGo, daysToGo, strikeBlocks, strikeClears,
                rules.helperStrikeDays());
    }

    /** What Helper status depends on, for one member. */
    public Optional<ReputationStore.Standing> standing(long memberId) {
        return store.standing(memberId, rules.helperAnswers());
    }

    /** Re-checks Helper status and badges of members something just happened to; runs in the caller's transaction. */
    public void review(Collection<Long> memberIds) {
        for (long memberId : memberIds) {
            standing(memberId).ifPresent(standing -> review(standing, true));
        }
    }

    /**
     * After a vote: only reputation moved, which the answer badges do not depend on, so their counts are read only
     * when Helper status itself changes. Keeps the per-member answer count off every vote.
     */
    public void reviewReputation(Collection<Long> memberIds) {
        for (long memberId : memberIds) {
            standing(memberId).ifPresent(standing -> review(standing, false));
        }
    }

    private void review(ReputationStore.Standing standing) {
        review(standing, true);
    }

    private void review(ReputationStore.Standing standing, boolean answersMayHaveChanged) {
        boolean automatic = progress(standing).criteriaMet();
        boolean effective = GRANT.equals(standing.override()) || (!REVOKE.equals(standing.override()) && automatic);
        boolean changed = effective != standing.helper();
        if (changed) {
            change(standing.memberId(), effective, "automatic", null,
                    effective ? "Met the Helper criteria" : "No longer meets the Helper criteria");
        }
        if (changed || answersMayHaveChanged) {
            awardBadges(standing.memberId(), effective);
        }
    }

    private void change(long memberId, boolean helper, String source, Long actorId, String reason) {
        LocalDateTime now = LocalDateTime.now(clock);
        store.setHelper(memberId, helper);
        store.recordHelperChange(memberId, helper, source, actorId, reason, now);
        if (helper) {
            notifier.notify(memberId, Text.of("notifications.helper"), "/helpers/queue");
        }
    }

    private void awardBadges(long memberId, boolean helper) {
        ReputationStore.Achievements a = store.achievements(memberId);
        for (Badge badge : Badge.values()) {
            if (badge.earned(a, helper)) {
                award(memberId, badge);
            }
        }
    }

    /**
     * After a member posts an answer: answering moves neither reputation nor accepted or verified counts, so Helper
     * status stays as it is; only the answer badges can be newly earned, and each is counted only until it is held.
     * Keeps a prolific member's posting from re-counting all their answers every time.
     */
    public void answered(PostStore.PostInfo answer) {
        long memberId = answer.authorId();
        Set<String> held = store.heldBadges(memberId);
        if (!held.contains(Badge.FIRST_ANSWER.name())) {
            award(memberId, Badge.FIRST_ANSWER);
        }
        // only an answer to someone else's newcomer question moves the Welcomer count
        boolean welcomes = answer.questionAuthorId() != memberId && answer.questionFromNewcomer();
        if (welcomes && !held.contains(Badge.WELCOMER.name())
                && store.newcomersAnswered(memberId, Badge.WELCOMER_ANSWERS) >= Badge.WELCOMER_ANSWERS) {
            award(memberId, Badge.WELCOMER);
        }
    }

    private void award(long memberId, Badge badge) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (store.award(memberId, badge.name(), now)) {
            notifier.notify(memberId, Text.of("notifications.badge", "badge", badge.title()), "");
        }
    }

    /** Staff grant or revoke Helper status, or lift their decision so the criteria apply again. */
    public void decide(Member staff, long memberId, String action, String reason) {
        if (!staff.isStaff()) {
            throw new NotAllowed("errors.staffOnly");
        }
        String why = reason == null ? "" : reason.strip();
        if (!List.of(GRANT, REVOKE, "lift").contains(action)) {
            throw InvalidInput.of("action", "profile.error.action");
        }
        if (why.isEmpty() || why.length() > 300) {
            throw InvalidInput.of("reason", "profile.error.reason", "max", 300);
        }
        database.inTransaction(() -> {
            ReputationStore.Standing standing = standing(memberId).orElseThrow(NotFound::new);
            if ("lift".equals(action)) {
                store.setOverride(memberId, null);
                store.recordHelperChange(memberId, standing.helper(), "staff-lift", staff.id(), why,
                        LocalDateTime.now(clock));
                review(standing(memberId).orElseThrow());
                return;
            }
            boolean helper = GRANT.equals(action);
            store.setOverride(memberId, action);
            if (helper != standing.helper()) {
                change(memberId, helper, "staff", staff.id(), why);
            } else {
                store.recordHelperChange(memberId, helper, "staff", staff.id(), why, LocalDateTime.now(clock));
            }
            awardBadges(memberId, helper);
        });
    }

    /** Staff record a moderation strike, which keeps a member from automatic Helper status for a while. */
    public void strike(Member staff, long memberId, String reason) {
        if (!staff.isStaff()) {
            throw new NotAllowed("errors.staffOnly");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 300) {
            throw InvalidInput.of("strike", "profile.error.strike", "max", 300);
        }
        database.inTransaction(() -> {
            store.insertStrike(memberId, staff.id(), why, LocalDateTime.now(clock));
            review(List.of(memberId));
        });
    }

    /**
     * A sanction (warning, silence, suspension) or a post removed as spam counts as a strike; moderation has checked
     * the actor's permission. Runs in the caller's transaction.
     */
    public void sanctioned(long memberId, long actorId, String reason) {
        String why = reason == null || reason.isBlank() ? "-" : reason.strip();
        store.insertStrike(memberId, actorId, why.length() > 300 ? why.substring(0, 300) : why, LocalDateTime.now(clock));
        review(List.of(memberId));
    }

    /** The periodic check for criteria that time alone fulfils (account age, an old strike expiring). */
    public int sweep() {
        List<Long> candidates = store.helperCandidates(rules.helperReputation());
        for (long memberId : candidates) {
            database.inTransaction(() -> review(List.of(memberId)));
        }
        return candidates.size();
    }

    long authorOf(long postId) {
        return posts.info(postId).orElseThrow().authorId();
    }
}
