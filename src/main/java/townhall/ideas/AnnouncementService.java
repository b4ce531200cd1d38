package townhall.ideas;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.QuestionLinks;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Texts;

/**
 * Staff publish announcements, pinned on the home page or a category until a date, and events: a start (and
 * end) in the event's time zone, a place or a link. Times are stored in UTC.
 */
public final class AnnouncementService {
    public static final int TITLE_MIN = 5;
    public static final int TITLE_MAX = 150;
    public static final int BODY_MIN = 10;
    public static final int BODY_MAX = 20_000;
    public static final int PLACE_MAX = 200;
    public static final int LINK_MAX = 500;

    private final Database database;
    private final AnnouncementStore store;
    private final MarkdownRenderer markdown;
    private final Privileges privileges;
    private final Clock clock;
    private final IdeaListener listener;

    public AnnouncementService(Database database, AnnouncementStore store, MarkdownRenderer markdown,
                               Privileges privileges, Clock clock, IdeaListener listener) {
        this.database = database;
        this.store = store;
        this.markdown = markdown;
        this.privileges = privileges;
        this.clock = clock;
        this.listener = listener;
    }

    /** The form as typed: dates as {@code yyyy-MM-dd}, times as {@code yyyy-MM-ddTHH:mm} in {@code timeZone}. */
    public record Form(String category, String title, String body, String pinnedUntil, String startsAt,
                       String endsAt, String timeZone, String place, String link) {
        public static Form empty(String zone) {
            return new Form("", "", "", "", "", "", zone, "", "");
        }
    }

    public long publish(Member staff, Form form) {
        requireStaff(staff);
        AnnouncementStore.Row row = validate(form);
        return database.inTransaction(() -> {
            long id = store.insert(row, staff.id(), now());
            listener.announcementChanged(id);
            return id;
        });
    }

    public void update(Member staff, long id, Form form) {
        requireStaff(staff);
        store.announcement(id).orElseThrow(NotFound::new);
        AnnouncementStore.Row row = validate(form);
        database.inTransaction(() -> {
            store.update(id, row, now());
            listener.announcementChanged(id);
        });
    }

    private AnnouncementStore.Row validate(Form form) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String title = Texts.line(form.title());
        String body = Texts.clean(form.body() == null ? "" : form.body(), true).strip();
        Long categoryId = null;
        if (form.category() != null && !form.category().isBlank()) {
            try {
                categoryId = Long.parseLong(form.category().strip());
            } catch (NumberFormatException e) {
                categoryId = -1L;
            }
            if (!store.categoryExists(categoryId)) {
                errors.add("category", "announcements.error.category");
            }
        }
        if (title.length() < TITLE_MIN || title.length() > TITLE_MAX) {
            errors.add("title", "announcements.error.title", "min", TITLE_MIN, "max", TITLE_MAX);
        }
        if (body.length() < BODY_MIN || body.length() > BODY_MAX) {
            errors.add("body", "announcements.error.body", "min", BODY_MIN, "max", BODY_MAX);
        }
        String zoneText = Texts.line(form.timeZone());
        ZoneId zone = ZoneOffset.UTC;
        if (!zoneText.isEmpty()) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                errors.add("timeZone", "announcements.error.timeZone");
            }
        }
        LocalDateTime pinnedUntil = null;
        String pinned = Texts.line(form.pinnedUntil());
        if (!pinned.isEmpty()) {
            try {
                pinnedUntil = LocalDate.parse(pinned).atTime(23, 59, 59).atZone(zone)
                        .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
                if (!pinnedUntil.isAfter(now())) {
                    errors.add("pinnedUntil", "announcements.error.pinned.past");
                }
            } catch (DateTimeParseException e) {
                errors.add("pinnedUntil", "announcements.error.date");
            }
        }
        LocalDateTime startsAt = time(form.startsAt(), zone, "startsAt", errors);
        LocalDateTime endsAt = time(form.endsAt(), zone, "endsAt", errors);
        String place = Texts.line(form.place());
        String link = Texts.line(form.link());
        if (place.length() > PLACE_MAX) {
            errors.add("place", "announcements.error.place", "max", PLACE_MAX);
        }
        if (!link.isEmpty() && (link.length() > LINK_MAX || !isWebAddress(link))) {
            errors.add("link", "announcements.error.link");
        }
        if (startsAt == null && !errors.has("startsAt")
                && (endsAt != null || !place.isEmpty() || !link.isEmpty())) {
            errors.add("startsAt", "announcements.error.starts.missing");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add("endsAt", "announcements.error.ends.before");
        }
        errors.throwIfAny();
        boolean event = startsAt != null;
        String slug = QuestionLinks.slugOf(title);
        return new AnnouncementStore.Row(categoryId, title, slug.equals("edit") ? "edit-announcement" : slug, body,
                markdown.render(body, LinkPolicy.FOLLOW), pinnedUntil, startsAt, endsAt,
                event ? zone.getId() : null, place.isEmpty() ? null : place, link.isEmpty() ? null : link);
    }

    private static LocalDateTime time(String text, ZoneId zone, String field, InvalidInput.Collector errors) {
        String value = Texts.line(text);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            errors.add(field, "announcements.error.time");
            return null;
        }
    }

    static boolean isWebAddress(String link) {
        try {
            URI uri = new URI(link);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private void requireStaff(Member member) {
        if (member == null || !privileges.mayPublishAnnouncements(member)) {
            throw new NotAllowed("announcements.denied");
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
