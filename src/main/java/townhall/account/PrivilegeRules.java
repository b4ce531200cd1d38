package townhall.account;

import townhall.config.Config;
import townhall.config.Setting;

/**
 * The configurable thresholds of what a member may do: reputation needed, newcomers' limits; {@code flagTrusted} is
 * the reputation from which a flag counts towards hiding, {@code flagsToHide} how many such flags hide a post.
 */
public record PrivilegeRules(int upvote, int comment, int downvote, int downvoteCost, int newcomerDays,
                             int newMemberReputation, int newMemberMaxLinks, int unconfirmedQuestions,
                             int flag, int flagTrusted, int flagsToHide, boolean helpersReview) {

    public static PrivilegeRules from(Config c) {
        return new PrivilegeRules(
                c.getInt(Setting.PRIVILEGE_UPVOTE), c.getInt(Setting.PRIVILEGE_COMMENT),
                c.getInt(Setting.PRIVILEGE_DOWNVOTE), c.getInt(Setting.REP_DOWNVOTE_CAST),
                c.getInt(Setting.NEWCOMER_DAYS), c.getInt(Setting.NEW_MEMBER_REPUTATION),
                c.getInt(Setting.NEW_MEMBER_MAX_LINKS), c.getInt(Setting.UNCONFIRMED_QUESTIONS),
                c.getInt(Setting.PRIVILEGE_FLAG), c.getInt(Setting.FLAGS_TRUSTED_REPUTATION),
                Math.max(1, c.getInt(Setting.FLAGS_HIDE)), c.getBoolean(Setting.REVIEW_HELPERS));
    }
}
