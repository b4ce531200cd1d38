package townhall.versions;

/**
 * Verified answers by freshness, for the insight dashboard: all of them, those needing review (outdated by a newer
 * version, or due for review; one answer may be both), and the current rest.
 */
public record FreshnessCounts(int verified, int outdated, int reviewDue, int needsReview) {

    public int current() {
        return verified - needsReview;
    }
}
