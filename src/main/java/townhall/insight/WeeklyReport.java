package townhall.insight;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.db.SiteSettingsStore;
import townhall.mail.Letter;
import townhall.mail.Mailer;

/**
 * Once a week (the first roll-up run on or after Monday, UTC) the figures of the seven days before go by email to
 * the staff who asked for them on the dashboard. The letters and the mark that the week is sent are written in one
 * transaction, so a crash sends the week's report either to everyone or to no one, and never twice; the mail
 * worker sends them from the outbox.
 */
public final class WeeklyReport {
    static final String SENT_WEEK = "insight_report_week";

    private final Database database;
    private final InsightService insight;
    private final InsightStore store;
    private final SiteSettingsStore siteSettings;
    private final Mailer mailer;
    private final String siteLanguage;
    private final Clock clock;

    public WeeklyReport(Database database, InsightService insight, InsightStore store, SiteSettingsStore siteSettings,
                        Mailer mailer, Config config, Clock clock) {
        this.database = database;
        this.insight = insight;
        this.store = store;
        this.siteSettings = siteSettings;
        this.mailer = mailer;
        this.siteLanguage = config.get(Setting.LANGUAGE);
        this.clock = clock;
    }

    /** Sends the last week's report if it has not gone yet; returns how many letters were written. */
    public int sendIfDue() {
        LocalDate monday = LocalDate.now(clock).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (siteSettings.get(SENT_WEEK).map(monday.toString()::equals).orElse(false)) {
            return 0;
        }
        List<InsightStore.Reader> readers = store.readers();
        Map<String, Object> model = readers.isEmpty() ? Map.of() : model(monday);
        siteSettings.insertIfAbsent(SENT_WEEK, "");
        return database.inTransaction(() -> {
            // the week is claimed under the row's lock: the weekly job and a second node (or a manual run) never
            // both send it
            if (siteSettings.getForUpdate(SENT_WEEK).map(monday.toString()::equals).orElse(false)) {
                return 0;
            }
            for (InsightStore.Reader reader : readers) {
                mailer.send(Letter.bulk(reader.email(), reader.id(),
                        reader.language() != null ? reader.language() : siteLanguage, "insight_weekly", model));
            }
            siteSettings.put(SENT_WEEK, monday.toString());
            return readers.size();
        });
    }

    private Map<String, Object> model(LocalDate monday) {
        Period week = new Period(monday.minusDays(7), monday.minusDays(1), null, "");
        InsightService.Dashboard d = insight.dashboard(week);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figures.Section section : d.sections()) {
            for (Figures.Figure f : section.figures()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", f.key());
                row.put("unit", f.unit());
                row.put("value", InsightRoutes.number(f.value()));
                row.put("previous", InsightRoutes.number(f.previous()));
                figures.add(row);
            }
        }
        List<Map<String, Object>> thank = new ArrayList<>();
        for (Figures.Person p : d.people().top()) {
            thank.add(Map.of("username", p.username(), "answers", p.answers(), "marked", p.marked()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("from", week.from().toString());
        model.put("to", week.to().toString());
        model.put("figures", figures);
        model.put("thank", thank);
        model.put("unanswered", d.unansweredCount());
        model.put("questionsSaved", d.deflection().questionsSaved());
        model.put("path", "/admin/insight?from=" + week.from() + "&to=" + week.to());
        return model;
    }
}
