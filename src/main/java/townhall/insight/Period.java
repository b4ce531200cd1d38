package townhall.insight;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The days a dashboard looks at, {@code from} to {@code to} inclusive (UTC), narrowed to a category and a tag when
 * given; {@link #previous()} is the period of the same length just before, for the comparison.
 */
public record Period(LocalDate from, LocalDate to, Long categoryId, String tag) {
    public static final int LONGEST_DAYS = 731;

    public Period {
        tag = tag == null ? "" : tag;
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public Period previous() {
        return new Period(from.minusDays(days()), from.minusDays(1), categoryId, tag);
    }

    public LocalDateTime start() {
        return from.atStartOfDay();
    }

    /** The first moment after the period. */
    public LocalDateTime end() {
        return to.plusDays(1).atStartOfDay();
    }

    public boolean filtered() {
        return categoryId != null || !tag.isEmpty();
    }
}
