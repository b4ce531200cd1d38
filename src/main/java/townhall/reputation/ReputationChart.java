package townhall.reputation;

import com.ibm.icu.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.i18n.Messages;

/** Reputation over time as a small SVG line chart, drawn on the server: no script, readable by screen readers. */
final class ReputationChart {
    private static final int WIDTH = 600;
    private static final int HEIGHT = 160;
    private static final int PAD_LEFT = 44;
    private static final int PAD_BOTTOM = 22;

    private ReputationChart() {}

    /** The chart of a member's running total from the day they joined to today, labelled in the reader's language. */
    static String svg(List<ReputationStore.DailyTotal> days, LocalDate joined, LocalDate today, Messages messages,
                      Locale locale) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        NumberFormat number = NumberFormat.getIntegerInstance(locale);
        LocalDate start = joined.isAfter(today) ? today : joined;
        long span = Math.max(1, ChronoUnit.DAYS.between(start, today));
        List<double[]> points = new ArrayList<>();
        int total = 1;
        int max = 1;
        points.add(new double[] {0, total});
        for (ReputationStore.DailyTotal day : days) {
            points.add(new double[] {ChronoUnit.DAYS.between(start, day.day()), total});
            total += day.delta();
            max = Math.max(max, total);
            points.add(new double[] {ChronoUnit.DAYS.between(start, day.day()), total});
        }
        points.add(new double[] {span, total});
        StringBuilder polyline = new StringBuilder();
        for (double[] p : points) {
            double x = PAD_LEFT + (WIDTH - PAD_LEFT - 8) * Math.min(1, Math.max(0, p[0] / span));
            double y = 8 + (HEIGHT - PAD_BOTTOM - 8) * (1 - (p[1] - 1) / Math.max(1.0, max - 1));
            polyline.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        String summary = messages.format(locale, "profile.chart.summary", Map.of("from", dates.format(start),
                "to", dates.format(today), "total", total, "max", max));
        return """
                <svg class="rep-chart" viewBox="0 0 %d %d" role="img" aria-labelledby="rep-chart-title">\
                <title id="rep-chart-title">%s</title>\
                <line x1="%d" y1="8" x2="%d" y2="%d" class="axis"/>\
                <line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>\
                <text x="%d" y="14" class="label" text-anchor="end">%s</text>\
                <text x="%d" y="%d" class="label" text-anchor="end">1</text>\
                <text x="%d" y="%d" class="label">%s</text>\
                <text x="%d" y="%d" class="label" text-anchor="end">%s</text>\
                <polyline points="%s" class="line"/></svg>"""
                .formatted(WIDTH, HEIGHT, escape(summary),
                        PAD_LEFT, PAD_LEFT, HEIGHT - PAD_BOTTOM,
                        PAD_LEFT, HEIGHT - PAD_BOTTOM, WIDTH - 8, HEIGHT - PAD_BOTTOM,
                        PAD_LEFT - 6, escape(number.format(max)),
                        PAD_LEFT - 6, HEIGHT - PAD_BOTTOM,
                        PAD_LEFT, HEIGHT - 6, escape(dates.format(start)),
                        WIDTH - 8, HEIGHT - 6, escape(dates.format(today)),
                        polyline.toString().trim());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
