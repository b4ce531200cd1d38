package townhall.ideas;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.CategoryAccess;
import townhall.qa.CategoryStore;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;

/** Announcements and events: the list and archive, a page each with its poll, the staff form, the .ics download. */
public final class AnnouncementRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnnouncementService announcements;
    private final AnnouncementStore store;
    private final CategoryStore categories;
    private final Privileges privileges;
    private final Polls polls;
    private final MarkdownRenderer markdown;
    private final Views pages;
    private final Clock clock;

    private final CategoryAccess access;

    public AnnouncementRoutes(AnnouncementService announcements, AnnouncementStore store, CategoryStore categories,
                              Privileges privileges, Polls polls, MarkdownRenderer markdown, Views pages, Clock clock,
                              CategoryAccess access) {
        this.access = access;
        this.announcements = announcements;
        this.store = store;
        this.categories = categories;
        this.privileges = privileges;
        this.polls = polls;
        this.markdown = markdown;
        this.pages = pages;
        this.clock = clock;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/announcements", this::list);
        routes.get("/announcements/new", ctx -> showForm(ctx, null, AnnouncementService.Form.empty("UTC"), Map.of(), 200));
        routes.post("/announcements/new", this::publish);
        routes.get("/announcement/{id}/edit", this::showEdit);
        routes.post("/announcement/{id}/edit", this::update);
        routes.get("/announcement/{id}/event.ics", this::calendar);
        routes.get("/announcement/{id}", this::page);
        routes.get("/announcement/{id}/{slug}", this::page);
    }

    private void list(Context ctx) {
        LocalDateTime now = LocalDateTime.now(clock);
        Member viewer = Web.viewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "announcements.title"));
        model.put("news", store.news(30));
        model.put("upcoming", store.upcoming(now, 30));
        model.put("past", store.past(now, 50));
        model.put("canPublish", viewer != null && privileges.mayPublishAnnouncements(viewer));
        model.put("canonical", "/announcements");
        model.put("description", pages.t(ctx, "announcements.description"));
        pages.render(ctx, "ideas/announcements", model);
    }

    private void page(Context ctx) {
        Announcement a = store.announcement(Web.pathId(ctx), access.of(ctx)).orElseThrow(NotFound::new);
        if (!a.slug().equals(ctx.pathParamMap().get("slug"))) {
            Web.redirect(ctx, a.path(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Member viewer = Web.viewer(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", a.title());
        model.put("a", a);
        model.put("past", a.event() && (a.endsAt() != null ? a.endsAt() : a.startsAt()).isBefore(LocalDateTime.now(clock)));
        model.put("canPublish", viewer != null && privileges.mayPublishAnnouncements(viewer));
        model.put("canonical", a.path());
        model.put("description", markdown.excerpt(a.bodyMd(), 160));
        if (a.event()) {
            model.put("jsonLd", eventData(a, Web.publicBase(ctx)));
        }
        polls.addTo(ctx, model, Polls.ANNOUNCEMENT, a.id(), a.author().id());
        pages.render(ctx, "ideas/announcement", model);
    }

    private void publish(Context ctx) {
        Member staff = requireStaff(ctx);
        AnnouncementService.Form form = readForm(ctx);
        try {
            long id = announcements.publish(staff, form);
            Web.redirect(ctx, "/announcement/" + id, HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showForm(ctx, null, form, pages.errors(ctx, e), 422);
        }
    }

    private void showEdit(Context ctx) {
        requireStaff(ctx);
        Announcement a = store.announcement(Web.pathId(ctx)).orElseThrow(NotFound::new);
        String pinned = a.pinnedUntil() == null ? ""
                : a.pinnedUntil().atOffset(ZoneOffset.UTC).atZoneSameInstant(a.zone()).toLocalDate().toString();
        AnnouncementService.Form form = new AnnouncementService.Form(a.categoryId() == null ? "" : a.categoryId().toString(),
                a.title(), a.bodyMd(), pinned, local(a.localStart()), local(a.localEnd()), a.zone().getId(),
                a.place() == null ? "" : a.place(), a.link() == null ? "" : a.link());
        showForm(ctx, a, form, Map.of(), 200);
    }

    private static String local(java.time.ZonedDateTime time) {
        return time == null ? "" : time.toLocalDateTime().withSecond(0).withNano(0).toString();
    }

    private void update(Context ctx) {
        Member staff = requireStaff(ctx);
        Announcement a = store.announcement(Web.pathId(ctx)).orElseThrow(NotFound::new);
        AnnouncementService.Form form = readForm(ctx);
        try {
            announcements.update(staff, a.id(), form);
            Web.redirect(ctx, "/announcement/" + a.id(), HttpStatus.SEE_OTHER);
        } catch (InvalidInput e) {
            showForm(ctx, a, form, pages.errors(ctx, e), 422);
        }
    }

    private void showForm(Context ctx, Announcement a, AnnouncementService.Form form, Map<String, String> errors,
                          int status) {
        requireStaff(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, a == null ? "announcements.new" : "announcements.edit"));
        model.put("a", a);
        model.put("form", form);
        model.put("errors", errors);
        model.put("categories", categories.all());
        model.put("zones", List.of("UTC", "Europe/London", "Europe/Prague", "Europe/Moscow", "America/New_York",
                "America/Chicago", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"));
        ctx.status(status);
        pages.render(ctx, "ideas/announcement_form", model);
    }

    /** The event as an iCalendar file, for any calendar application. */
    private void calendar(Context ctx) {
        Announcement a = store.announcement(Web.pathId(ctx)).orElseThrow(NotFound::new);
        if (!a.event()) {
            throw new NotFound();
        }
        String base = Web.publicBase(ctx);
        ICalendar ical = new ICalendar();
        VEvent event = new VEvent();
        event.setUid("announcement-" + a.id() + "@" + (base == null ? "townhall" : base.replaceAll("^https?://", "")
                .replaceAll("/.*$", "")));
        event.setSummary(a.title());
        event.setDateStart(Date.from(a.startsAt().toInstant(ZoneOffset.UTC)), true);
        if (a.endsAt() != null) {
            event.setDateEnd(Date.from(a.endsAt().toInstant(ZoneOffset.UTC)), true);
        }
        if (a.place() != null) {
            event.setLocation(a.place());
        } else if (a.link() != null) {
            event.setLocation(a.link());
        }
        event.setUrl((base == null ? "" : base) + a.path());
        event.setDescription(markdown.plainText(a.bodyMd()) + (a.link() == null ? "" : "\n\n" + a.link()));
        ical.addEvent(event);
        ctx.header("Content-Disposition", "attachment; filename=\"" + a.slug() + ".ics\"");
        ctx.contentType("text/calendar; charset=utf-8");
        ctx.result(Biweekly.write(ical).go());
    }

    /** schema.org Event JSON-LD, safe inside a script element. */
    private String eventData(Announcement a, String base) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@context", "https://schema.org");
        event.put("@type", "Event");
        event.put("name", a.title());
        event.put("description", markdown.excerpt(a.bodyMd(), 300));
        event.put("startDate", a.startIso());
        if (a.endsAt() != null) {
            event.put("endDate", a.endIso());
        }
        event.put("eventStatus", "https://schema.org/EventScheduled");
        Object place = a.place() == null ? null : Map.of("@type", "Place", "name", a.place(), "address", a.place());
        Object online = a.link() == null ? null : Map.of("@type", "VirtualLocation", "url", a.link());
        event.put("eventAttendanceMode", "https://schema.org/" + (place != null && online != null ? "MixedEventAttendanceMode"
                : online != null ? "OnlineEventAttendanceMode" : "OfflineEventAttendanceMode"));
        if (place != null && online != null) {
            event.put("location", List.of(place, online));
        } else if (place != null || online != null) {
            event.put("location", place != null ? place : online);
        }
        event.put("url", (base == null ? "" : base) + a.path());
        try {
            return JSON.writeValueAsString(event).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Member requireStaff(Context ctx) {
        Member member = Web.requireViewer(ctx);
        if (!privileges.mayPublishAnnouncements(member)) {
            throw new NotAllowed("announcements.denied");
        }
        return member;
    }

    private static AnnouncementService.Form readForm(Context ctx) {
        return new AnnouncementService.Form(Web.formText(ctx, "category"), Web.formText(ctx, "title"), Web.formText(ctx, "body"),
                Web.formText(ctx, "pinnedUntil"), Web.formText(ctx, "startsAt"), Web.formText(ctx, "endsAt"), Web.formText(ctx, "timeZone"),
                Web.formText(ctx, "place"), Web.formText(ctx, "link"));
    }

    private static String form(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
