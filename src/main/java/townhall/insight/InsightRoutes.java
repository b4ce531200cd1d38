package townhall.insight;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.versions.FreshnessCounts;
import townhall.versions.VersionService;
import townhall.web.Views;
import townhall.web.Web;

/**
 * The community insight dashboard for staff ({@code /admin/insight}), its figures as JSON and CSV, the weekly
 * report's opt-in, thanking a member; and for everyone the "Did this solve your problem?" answer under a question.
 */
public final class InsightRoutes {
    private final InsightService insight;
    private final Visitors visitors;
    private final Views pages;
    private final VersionService versions;

    public InsightRoutes(InsightService insight, Visitors visitors, Views pages, VersionService versions) {
        this.versions = versions;
        this.insight = insight;
        this.visitors = visitors;
        this.pages = pages;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.before(visitors::seen);
        routes.get("/admin/insight", this::dashboard);
        routes.get("/admin/insight.json", this::json);
        routes.get("/admin/insight.csv", this::csv);
        routes.post("/admin/insight/report", this::report);
        routes.post("/admin/insight/thank", this::thank);
        routes.post("/insight/solved/{id}", this::rate);
    }

    private Member reader(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        insight.requireReader(viewer);
        return viewer;
    }

    private Period period(Context ctx) {
        return insight.period(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("category"),
                ctx.queryParam("tag"));
    }

    private void dashboard(Context ctx) {
        Member viewer = reader(ctx);
        Map<String, Object> model = new HashMap<>();
        Period period;
        try {
            period = period(ctx);
        } catch (InvalidInput invalid) {
            model.put("errors", pages.errors(ctx, invalid));
            period = insight.period(null, null, null, null);
            ctx.status(422);
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("from", "to", "category", "tag")) {
            form.put(name, ctx.queryParam(name) == null ? "" : ctx.queryParam(name));
        }
        if (form.get("from").isEmpty() && !model.containsKey("errors")) {
            form.put("from", period.from().toString());
            form.put("to", period.to().toString());
        }
        InsightService.Dashboard dashboard = insight.dashboard(period);
        model.put("title", pages.t(ctx, "insight.title"));
        model.put("form", form);
        model.put("period", period);
        model.put("previous", period.previous());
        model.put("d", dashboard);
        model.put("freshness", versions.counts()); // verified answers as they stand today, whatever the period
        model.put("categories", insight.categories());
        model.put("query", query(period));
        model.put("subscribed", insight.subscribed(viewer));
        model.put("thanked", ctx.queryParam("thanked") == null ? "" : ctx.queryParam("thanked"));
        model.put("activityChart", SvgChart.lines(pages.t(ctx, "insight.chart.activity"),
                pages.t(ctx, "insight.chart.activity.desc"), labels(dashboard.days()), List.of(
                        new SvgChart.Series(pages.t(ctx, "insight.figure.questions"), "s1",
                                dashboard.days().stream().map(Figures.Day::questions).toList()),
                        new SvgChart.Series(pages.t(ctx, "insight.figure.answers"), "s2",
                                dashboard.days().stream().map(Figures.Day::answers).toList()),
                        new SvgChart.Series(pages.t(ctx, "insight.figure.comments"), "s3",
                                dashboard.days().stream().map(Figures.Day::comments).toList()))));
        model.put("growthChart", SvgChart.lines(pages.t(ctx, "insight.chart.growth"),
                pages.t(ctx, "insight.chart.growth.desc"), labels(dashboard.days()), List.of(
                        new SvgChart.Series(pages.t(ctx, "insight.figure.visitors"), "s1",
                                dashboard.days().stream().map(Figures.Day::visitors).toList()),
                        new SvgChart.Series(pages.t(ctx, "insight.figure.newMembers"), "s2",
                                dashboard.days().stream().map(Figures.Day::newMembers).toList()),
                        new SvgChart.Series(pages.t(ctx, "insight.figure.firstPosters"), "s3",
                                dashboard.days().stream().map(Figures.Day::firstPosters).toList()))));
        pages.render(ctx, "insight/dashboard", model);
    }

    private static List<String> labels(List<Figures.Day> days) {
        return days.stream().map(d -> d.day().toString()).toList();
    }

    /** The period's parameters as a query string, for the JSON and CSV links. */
    private static String query(Period period) {
        StringBuilder q = new StringBuilder("from=").append(period.from()).append("&to=").append(period.to());
        if (period.categoryId() != null) {
            q.append("&category=").append(period.categoryId());
        }
        if (!period.tag().isEmpty()) {
            q.append("&tag=").append(java.net.URLEncoder.encode(period.tag(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private void json(Context ctx) {
        reader(ctx);
        Period period = period(ctx);
        InsightService.Dashboard d = insight.dashboard(period);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", period.from().toString());
        out.put("to", period.to().toString());
        out.put("previousFrom", period.previous().from().toString());
        out.put("previousTo", period.previous().to().toString());
        out.put("category", period.categoryId());
        out.put("tag", period.tag());
        for (Figures.Section section : d.sections()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            for (Figures.Figure f : section.figures()) {
                Map<String, Object> figure = new LinkedHashMap<>();
                figure.put("value", f.value());
                figure.put("previous", f.previous());
                figure.put("unit", f.unit());
                figures.put(f.key(), figure);
            }
            out.put(section.key(), figures);
        }
        FreshnessCounts freshness = versions.counts();
        out.put("verifiedAnswers", Map.of("verified", freshness.verified(), "current", freshness.current(),
                "needingReview", freshness.needsReview(), "outdatedByVersion", freshness.outdated(),
                "pastReviewDate", freshness.reviewDue()));
        out.put("deflection", d.deflection());
        out.put("satisfactionByCategory", d.satisfaction().byCategory());
        out.put("unansweredAfter48h", d.unanswered().stream()
                .map(q -> Map.of("id", q.id(), "title", q.title(), "path", q.path(), "askedAt", q.askedAt().toString()))
                .toList());
        Map<String, Object> people = new LinkedHashMap<>();
        people.put("top", names(d.people().top()));
        people.put("risingNewcomers", names(d.people().newcomers()));
        people.put("closeToHelper", names(d.people().closeToHelper()));
        people.put("helpersGoingQuiet", names(d.people().quiet()));
        out.put("people", people);
        out.put("days", d.days().stream().map(InsightRoutes::dayRow).toList());
        ctx.json(out);
    }

    private static List<Map<String, Object>> names(List<Figures.Person> people) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Figures.Person p : people) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("username", p.username());
            row.put("answers", p.answers());
            row.put("acceptedOrVerified", p.marked());
            row.put("reputation", p.reputation());
            row.put("lastPost", p.lastPost() == null ? null : p.lastPost().toString());
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> dayRow(Figures.Day d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("day", d.day().toString());
        row.put("questions", d.questions());
        row.put("answers", d.answers());
        row.put("comments", d.comments());
        row.put("votes", d.votes());
        row.put("visitors", d.visitors());
        row.put("newMembers", d.newMembers());
        row.put("firstPosters", d.firstPosters());
        return row;
    }

    /** The data of the charts (one row a day) or the summary figures, as CSV. */
    private void csv(Context ctx) {
        reader(ctx);
        Period period = period(ctx);
        InsightService.Dashboard d = insight.dashboard(period);
        List<List<String>> rows = new ArrayList<>();
        String name;
        if ("figures".equals(ctx.queryParam("table"))) {
            name = "figures";
            rows.add(List.of(pages.t(ctx, "insight.csv.section"), pages.t(ctx, "insight.csv.figure"),
                    pages.t(ctx, "insight.csv.value"), pages.t(ctx, "insight.csv.previous")));
            for (Figures.Section s : d.sections()) {
                for (Figures.Figure f : s.figures()) {
                    rows.add(List.of(pages.t(ctx, "insight.section." + s.key()), pages.t(ctx, "insight.figure." + f.key()),
                            number(f.value()), number(f.previous())));
                }
            }
        } else {
            name = "days";
            rows.add(List.of(pages.t(ctx, "insight.table.day"), pages.t(ctx, "insight.figure.questions"),
                    pages.t(ctx, "insight.figure.answers"), pages.t(ctx, "insight.figure.comments"),
                    pages.t(ctx, "insight.figure.votes"), pages.t(ctx, "insight.figure.visitors"),
                    pages.t(ctx, "insight.figure.newMembers"), pages.t(ctx, "insight.figure.firstPosters")));
            for (Figures.Day day : d.days()) {
                rows.add(List.of(day.day().toString(), "" + day.questions(), "" + day.answers(), "" + day.comments(),
                        "" + day.votes(), "" + day.visitors(), "" + day.newMembers(), "" + day.firstPosters()));
            }
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"insight-" + name + "-" + period.from() + "-"
                + period.to() + ".csv\"");
        ctx.result(Csv.write(rows));
    }

    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }

    private void report(Context ctx) {
        Member viewer = reader(ctx);
        insight.subscribe(viewer, "on".equals(ctx.formParam("weekly")));
        Web.redirect(ctx, "/admin/insight#report", HttpStatus.SEE_OTHER);
    }

    private void thank(Context ctx) {
        Member viewer = reader(ctx);
        long memberId;
        try {
            memberId = Long.parseLong(String.valueOf(ctx.formParam("member")));
        } catch (NumberFormatException e) {
            throw InvalidInput.of("member", "insight.error.member");
        }
        insight.thank(viewer, memberId);
        String back = Web.localPath(ctx.formParam("back"), "/admin/insight");
        Web.redirect(ctx, back + (back.contains("?") ? "&" : "?") + "thanked=" + memberId + "#people",
                HttpStatus.SEE_OTHER);
    }

    private void rate(Context ctx) {
        long questionId;
        try {
            questionId = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new townhall.web.NotFound();
        }
        Member viewer = Web.viewer(ctx);
        String voter = viewer != null ? "m" + viewer.id() : visitors.visitor(ctx, Long.toString(questionId));
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "insight.satisfaction.thanks.title"));
        model.put("back", Web.localPath(ctx.formParam("back"), "/q/" + questionId));
        model.put("questionId", questionId);
        try {
            boolean counted = insight.rate(questionId, voter, viewer == null ? null : viewer.id(),
                    ctx.formParam("solved"), ctx.formParam("reason"));
            model.put("counted", counted);
        } catch (InvalidInput invalid) {
            model.put("errors", pages.errors(ctx, invalid));
            model.put("reason", ctx.formParam("reason") == null ? "" : ctx.formParam("reason"));
            model.put("title", pages.t(ctx, "insight.satisfaction.question"));
            ctx.status(422);
        }
        pages.render(ctx, "insight/rated", model);
    }

    static LocalDate day(String value) {
        return LocalDate.parse(value);
    }
}
