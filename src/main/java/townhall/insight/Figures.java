package townhall.insight;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The records the dashboard is made of: each figure with the previous period's, and the lists to act on. */
public final class Figures {
    private Figures() {}

    /** Counts of one day (or a sum of days): what the charts draw and the roll-ups keep. */
    public record Day(LocalDate day, int questions, int answers, int comments, int votes, int helperAnswers,
                      int newMembers, int firstPosters, int visitors) {
        public static Day empty(LocalDate day) {
            return new Day(day, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        Day plus(Day o) {
            return new Day(day, questions + o.questions, answers + o.answers, comments + o.comments, votes + o.votes,
                    helperAnswers + o.helperAnswers, newMembers + o.newMembers, firstPosters + o.firstPosters,
                    visitors + o.visitors);
        }

        Day withPosts(int q, int a, int h) {
            return new Day(day, questions + q, answers + a, comments, votes, helperAnswers + h, newMembers,
                    firstPosters, visitors);
        }

        Day withComments(int c) {
            return new Day(day, questions, answers, comments + c, votes, helperAnswers, newMembers, firstPosters,
                    visitors);
        }

        Day withVotes(int v) {
            return new Day(day, questions, answers, comments, votes + v, helperAnswers, newMembers, firstPosters,
                    visitors);
        }

        Day withSite(int members, int posters, int visits) {
            return new Day(day, questions, answers, comments, votes, helperAnswers, newMembers + members,
                    firstPosters + posters, visitors + visits);
        }
    }

    /**
     * What became of the questions asked in a period: how many, answered, accepted, verified, answered first by the
     * community (before any staff answer), unanswered after 48 hours; the time to the first answer in seconds at the
     * median and the 90th percentile (nearest rank; null when none was answered).
     */
    public record Outcomes(int questions, int answered, int accepted, int verified, int communityFirst,
                           int unanswered, Long firstAnswerMedianSeconds, Long firstAnswerP90Seconds) {}

    /** One number of the dashboard, now and in the previous period; {@code unit} is count, percent or hours. */
    public record Figure(String key, String unit, Double value, Double previous) {
        /** The change against the previous period in percent, or null when there is nothing to compare. */
        public Long change() {
            if (value == null || previous == null || previous == 0) {
                return null;
            }
            return Math.round((value - previous) * 100 / previous);
        }

        /** A percent figure changes by points, not by percent. */
        public Long points() {
            if (value == null || previous == null) {
                return null;
            }
            return Math.round(value - previous);
        }
    }

    public record Section(String key, List<Figure> figures) {}

    public record QuestionLink(long id, String title, String path, LocalDateTime askedAt) {}

    public record Person(long id, String username, int answers, int marked, int reputation, int needed,
                         LocalDateTime lastPost) {}

    public record People(List<Person> top, List<Person> newcomers, List<Person> closeToHelper, List<Person> quiet) {}

    public record CategorySatisfaction(String name, int solved, int unsolved) {
        public long share() {
            return solved + unsolved == 0 ? 0 : Math.round(solved * 100.0 / (solved + unsolved));
        }
    }

    public record Reason(QuestionLink question, String reason, LocalDateTime at) {}

    public record Satisfaction(int solved, int unsolved, int askerSolved, int askerUnsolved,
                               List<CategorySatisfaction> byCategory, List<Reason> reasons) {}

    public record QueryCount(String query, int searches) {}

    public record Deflector(String title, String path, int opens) {}

    public record Deflection(int searches, int searchesOpened, int zeroResultSearches, int askSessions, int shown,
                             int opened, int posted, int openedNotPosted, int shownNotPosted, int questionsSaved,
                             int ticketsSaved, List<QueryCount> zeroQueries, List<Deflector> deflectors) {}

    public record CategoryOption(long id, String name) {}
}
