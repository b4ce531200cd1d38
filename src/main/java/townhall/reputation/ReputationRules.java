package townhall.reputation;

import townhall.app.Config;
import townhall.app.Setting;

/** The configurable numbers of reputation, Helper status and privileges. */
public record ReputationRules(int answerUpvoted, int questionUpvoted, int answerAccepted, int accepter,
                              int answerVerified, int downvoted, int downvoteCast, int dailyVoteCap,
                              int helperReputation, int helperAnswers, int helperAccountDays, int helperStrikeDays,
                              int upvotePrivilege, int commentPrivilege, int downvotePrivilege, int newcomerDays,
                              int newMemberReputation, int newMemberMaxLinks) {

    public static ReputationRules from(Config c) {
        return new ReputationRules(
                c.getInt(Setting.REP_ANSWER_UPVOTED), c.getInt(Setting.REP_QUESTION_UPVOTED),
                c.getInt(Setting.REP_ANSWER_ACCEPTED), c.getInt(Setting.REP_ACCEPTER),
                c.getInt(Setting.REP_ANSWER_VERIFIED), c.getInt(Setting.REP_DOWNVOTED),
                c.getInt(Setting.REP_DOWNVOTE_CAST), c.getInt(Setting.REP_DAILY_VOTE_CAP),
                c.getInt(Setting.HELPER_REPUTATION), c.getInt(Setting.HELPER_ANSWERS),
                c.getInt(Setting.HELPER_ACCOUNT_DAYS), c.getInt(Setting.HELPER_STRIKE_DAYS),
                c.getInt(Setting.PRIVILEGE_UPVOTE), c.getInt(Setting.PRIVILEGE_COMMENT),
                c.getInt(Setting.PRIVILEGE_DOWNVOTE), c.getInt(Setting.NEWCOMER_DAYS),
                c.getInt(Setting.NEW_MEMBER_REPUTATION), c.getInt(Setting.NEW_MEMBER_MAX_LINKS));
    }
}
