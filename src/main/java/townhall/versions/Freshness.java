package townhall.versions;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * How fresh a verified answer or an FAQ entry is: the versions it was checked for ("4.2, 4.3", null when none were
 * named), its product line's current version, when it should be reviewed, and the last check (verification,
 * re-verification or "still true"), by whom.
 *
 * @param outdated its line has a newer current version than those it was checked for
 * @param reviewDue its review-by date has come
 */
public record Freshness(String kind, long subjectId, String title, String path, String lineName, String versions,
                        String current, boolean outdated, LocalDate reviewBy, boolean reviewDue,
                        LocalDateTime checkedAt, String checkedBy, String how) {

    /** Whether it waits in the re-verification queue. */
    public boolean needsReview() {
        return outdated || reviewDue;
    }
}
