package townhall.reputation;

import townhall.config.Config;
import townhall.config.Setting;

/** The configurable numbers of reputation and Helper status (privileges: {@code account.PrivilegeRules}). */
public record ReputationRules(int answerUpvoted, int questionUpvoted, int answerAccepted, int accepter,
                              int answerVerified, int downvoted, int downvoteCast, int dailyVoteCap,
                              int helperReputation, int helperAnswers, int helperAccountDays, int helperStrikeDays) {

    public static ReputationRules from(Config c) {
        return new ReputationRules(
                c.getInt(Setting.REP_ANSWER_UPVOTED), c.getInt(Setting.REP_QUESTION_UPVOTED),
                c.getInt(Setting.REP_ANSWER_ACCEPTED), c.getInt(Setting.REP_ACCEPTER),
                c.getInt(Setting.REP_ANSWER_VERIFIED), c.getInt(Setting.REP_DOWNVOTED),
                c.getInt(Setting.REP_DOWNVOTE_CAST), c.getInt(Setting.REP_DAILY_VOTE_CAP),
                c.getInt(Setting.HELPER_REPUTATION), c.getInt(Setting.HELPER_ANSWERS),
                c.getInt(Setting.HELPER_ACCOUNT_DAYS), c.getInt(Setting.HELPER_STRIKE_DAYS));
    }
}
