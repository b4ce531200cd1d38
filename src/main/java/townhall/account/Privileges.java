package townhall.account;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.IntSupplier;
import townhall.i18n.Text;
import townhall.markdown.LinkPolicy;

/** What a member may do, by reputation and Helper status; staff may do everything. Checked on the server. */
public final class Privileges {
    private final PrivilegeRules rules;
    private final Clock clock;

    public Privileges(PrivilegeRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public boolean canUpvote(Member m) { return m.isStaff() || m.helper() || m.reputation() >= rules.upvote(); }

    public boolean canDownvote(Member m) { return m.isStaff() || m.helper() || m.reputation() >= rules.downvote(); }

    /** Anyone comments on their own posts and on answers to their own questions; elsewhere it is earned. */
    public boolean canCommentEverywhere(Member m) {
        return m.isStaff() || m.helper() || m.reputation() >= rules.comment();
    }

    /** Comment under a post: on one's own thread (one's post, or an answer to one's question) always, elsewhere once earned. */
    public boolean canCommentOn(Member m, long postAuthorId, long questionAuthorId) {
        return m.id() == postAuthorId || m.id() == questionAuthorId || canCommentEverywhere(m);
    }

    /** Edit and retag other people's posts. */
    public boolean canEditOthers(Member m) { return m.isStaff() || m.helper(); }

    public boolean canCloseAsDuplicate(Member m) { return m.isStaff() || m.helper(); }

    public boolean canSeeHelperQueue(Member m) { return m.isStaff() || m.helper(); }

    /** Flag a question, answer or comment for a reviewer's attention. */
    public boolean canFlag(Member m) { return m.isStaff() || m.helper() || m.reputation() >= rules.flag(); }

    /** A trusted member's flag counts towards hiding the post at once ({@code flags.hide} of them). */
    public boolean isTrustedFlagger(Member m) {
        return m.isStaff() || m.helper() || m.reputation() >= rules.flagTrusted();
    }

    /** A spam flag by staff or a Helper removes the post at once, before any review. */
    public boolean spamFlagRemoves(Member m) { return m.isStaff() || m.helper(); }

    /** Work the review queue at /review: staff, and Helpers unless {@code review.helpers} is off. */
    public boolean mayReview(Member m) { return m != null && (m.isStaff() || m.helper() && rules.helpersReview()); }

    /** Warn a member: whoever reviews. Silence and suspend: staff. */
    public boolean mayWarn(Member m) { return mayReview(m); }

    public boolean maySanction(Member m) { return m != null && m.isStaff(); }

    /** Watched words, the mentions feed, the moderation log: staff. */
    public boolean mayWatchWords(Member m) { return m != null && m.isStaff(); }

    public boolean maySeeModerationLog(Member m) { return m != null && m.isStaff(); }

    /** Assign questions to staff or support, keep staff notes, escalate to the helpdesk: staff. */
    public boolean mayAssign(Member m) { return m != null && m.isStaff(); }

    /** A silenced member reads but cannot post until the silence ends. */
    public boolean isSilenced(Member m) {
        return m.silencedUntil() != null && m.silencedUntil().isAfter(LocalDateTime.now(clock));
    }

    /** Links from members who are not Helpers carry rel="nofollow ugc". */
    public LinkPolicy linkPolicy(Member m) { return m.isStaff() || m.helper() ? LinkPolicy.FOLLOW : LinkPolicy.NOFOLLOW; }

    /** How many links a post by this member may hold, or -1 for no limit. */
    public int maxLinks(Member m) {
        return m.isStaff() || m.helper() || m.reputation() >= rules.newMemberReputation() ? -1 : rules.newMemberMaxLinks();
    }

    /**
     * Until their address is confirmed a member may ask {@code account.unconfirmed.questions} questions and not answer
     * or comment; {@code questionsSoFar} is only asked for then.
     */
    public boolean mayAsk(Member m, IntSupplier questionsSoFar) {
        return mayReply(m) || questionsSoFar.getAsInt() < rules.unconfirmedQuestions();
    }

    /** Answer and comment: a confirmed address (or staff, or a site that lets unconfirmed members post freely). */
    public boolean mayReply(Member m) {
        return m.isStaff() || m.emailConfirmed() || rules.unconfirmedQuestions() < 0;
    }

    /** Members delete their own account; staff delete members' accounts; only an administrator deletes staff's. */
    public boolean mayDeleteAccount(Member actor, Member target) {
        return actor != null && (actor.id() == target.id() || actor.isStaff() && (!target.isStaff() || actor.isAdmin()));
    }

    /** Webhooks and the other connections of the site to a brand's systems are an administrator's to manage. */
    public boolean mayManageIntegrations(Member m) { return m.isAdmin(); }

    /** Member groups and who may see each category (public, members, staff, a group): an administrator's. */
    public boolean mayManageAccess(Member m) { return m != null && m.isAdmin(); }

    /**
     * Product lines and their versions, which versions a verified answer or FAQ entry holds for, and the
     * re-verification queue: staff.
     */
    public boolean mayManageVersions(Member m) { return m != null && m.isStaff(); }

    /** The community insight dashboard, its figures as JSON and CSV, and its weekly report: staff. */
    public boolean maySeeInsight(Member m) { return m.isStaff(); }

    /** Images in posts: whoever may answer may upload them, within the limits of their standing. */
    public boolean mayUploadImages(Member m) { return mayReply(m); }

    /** Below {@code new.member.reputation}, neither Helper nor staff: smaller limits on links and images. */
    public boolean isNewMember(Member m) {
        return !m.isStaff() && !m.helper() && m.reputation() < rules.newMemberReputation();
    }

    public boolean isNewcomer(Member m) {
        return m.createdAt().isAfter(LocalDateTime.now(clock).minusDays(rules.newcomerDays()));
    }

    /** Propose an idea: whoever may answer (a confirmed address). */
    public boolean mayProposeIdea(Member m) { return mayReply(m); }

    /** Vote for ideas and answer polls: whoever may answer. */
    public boolean mayVoteOnIdeasAndPolls(Member m) { return mayReply(m); }

    /** Edit an idea: its author while it is open, and whoever may edit others' posts (Helpers, staff). */
    public boolean mayEditIdea(Member m, long authorId, boolean open) {
        return canEditOthers(m) || m.id() == authorId && open;
    }

    /** Idea boards, statuses with an official response, merging duplicates: staff. */
    public boolean mayManageIdeas(Member m) { return m.isStaff(); }

    /** Announcements and events, pinned on the home page or a category: staff. */
    public boolean mayPublishAnnouncements(Member m) { return m.isStaff(); }

    /** Attach a poll: staff anywhere, a member to their own idea or question. */
    public boolean mayAddPoll(Member m, long authorId) { return m.isStaff() || m.id() == authorId && mayReply(m); }

    public record Row(Text privilege, Text requirement) {}

    /** The table shown on the privileges page. */
    public List<Row> table() {
        Text helper = Text.of("privileges.needs.helper");
        return List.of(
                new Row(Text.of("privileges.row.upvote"), reputation(rules.upvote())),
                new Row(Text.of("privileges.row.comment"), reputation(rules.comment())),
                new Row(Text.of("privileges.row.downvote", "cost", rules.downvoteCost()),
                        reputation(rules.downvote())),
                new Row(Text.of("privileges.row.flag"), reputation(rules.flag())),
                new Row(Text.of("privileges.row.links", "count", rules.newMemberMaxLinks()),
                        reputation(rules.newMemberReputation())),
                new Row(Text.of("privileges.row.edit"), helper),
                new Row(Text.of("privileges.row.close"), helper),
                new Row(Text.of("privileges.row.follow"), helper),
                new Row(Text.of("privileges.row.queue"), helper),
                new Row(Text.of("privileges.row.review"), rules.helpersReview() ? helper : Text.of("privileges.needs.staff")));
    }

    private static Text reputation(int needed) {
        return Text.of("privileges.needs.reputation", "count", needed);
    }

    public PrivilegeRules rules() { return rules; }
}
