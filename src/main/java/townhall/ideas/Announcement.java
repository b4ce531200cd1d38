package townhall.ideas;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import townhall.qa.Author;

/**
 * A staff announcement, pinned on the home page ({@code categoryId} null) or a category until {@code pinnedUntil};
 * with {@code startsAt} it is an event. Times are UTC; {@code timeZone} is the event's own, as shown.
 */
public record Announcement(long id, Long categoryId, String categoryName, String categorySlug, Author author,
                           String title, String slug, String bodyMd, String bodyHtml, LocalDateTime pinnedUntil,
                           LocalDateTime startsAt, LocalDateTime endsAt, String timeZone, String place, String link,
                           LocalDateTime createdAt) {

    public String path() { return "/announcement/" + id + "/" + slug; }

    public boolean event() { return startsAt != null; }

    public ZoneId zone() {
        try {
            return timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** The start in the event's own time zone. */
    public ZonedDateTime localStart() {
        return startsAt == null ? null : startsAt.atZone(ZoneId.of("UTC")).withZoneSameInstant(zone());
    }

    public ZonedDateTime localEnd() {
        return endsAt == null ? null : endsAt.atZone(ZoneId.of("UTC")).withZoneSameInstant(zone());
    }

    /** The start as ISO 8601 with its offset, for datetime attributes and structured data. */
    public String startIso() {
        return startsAt == null ? null : localStart().toOffsetDateTime().toString();
    }

    public String endIso() {
        return endsAt == null ? null : localEnd().toOffsetDateTime().toString();
    }

    /** How the start reads on a page: "2027-03-04 18:00 (Europe/Prague)". */
    public String startText() {
        return startsAt == null ? "" : format(localStart()) + " (" + zone().getId() + ")";
    }

    public String endText() {
        return endsAt == null ? "" : format(localEnd());
    }

    private static String format(ZonedDateTime time) {
        return time.toLocalDate() + " " + String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
