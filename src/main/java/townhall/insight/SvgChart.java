package townhall.insight;

import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn on the server as SVG: no script, readable as an image with a title and description; the page
 * shows the same numbers as a table for screen readers and offers them as CSV.
 */
final class SvgChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    record Series(String label, String cssClass, List<Integer> values) {}

    private SvgChart() {}

    /** {@code labels} name the points on the x axis (dates), shown at the start, middle and end. */
    static String lines(String title, String description, List<String> labels, List<Series> series) {
        int max = 1;
        for (Series s : series) {
            for (int v : s.values()) {
                max = Math.max(max, v);
            }
        }
        int top = niceCeiling(max);
        int n = Math.max(1, labels.size());
        double plotWidth = WIDTH - LEFT - 8;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"insight-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id(title)).append("-t ").append(id(title))
                .append("-d\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"").append(id(title)).append("-t\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(id(title)).append("-d\">").append(escape(description)).append("</desc>");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 8)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(top * i / 4).append("</text>");
        }
        int[] marks = n == 1 ? new int[] {0} : new int[] {0, (n - 1) / 2, n - 1};
        for (int i : marks) {
            double x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
            // the last date ends at the right edge, so it is not cut off there
            String anchor = n > 1 && i == n - 1 ? "end" : "middle";
            svg.append("<text class=\"axis\" x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - 8)
                    .append("\" text-anchor=\"").append(anchor).append("\">")
                    .append(escape(labels.isEmpty() ? "" : labels.get(i)))
                    .append("</text>");
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.values().size(); i++) {
                double x = LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
                double y = TOP + plotHeight - plotHeight * s.values().get(i) / top;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            }
            svg.append("<polyline class=\"").append(s.cssClass()).append("\" fill=\"none\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static int niceCeiling(int max) {
        int step = 1;
        while (step * 10 < max) {
            step *= 10;
        }
        int top = step;
        while (top < max) {
            top += step;
        }
        return Math.max(4, top + (4 - top % 4) % 4);
    }

    private static String id(String title) {
        return "chart-" + Integer.toHexString(title.hashCode());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
