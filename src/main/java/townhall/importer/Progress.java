package townhall.importer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/** Console progress of one phase: a line every few seconds while it runs, one when it ends. */
final class Progress {
    private static final long EVERY_NANOS = 3_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final DoubleSupplier fraction;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    Progress(PrintStream out, String label, DoubleSupplier fraction) {
        this.out = out;
        this.label = label;
        this.fraction = fraction;
    }

    /** Prints how far the phase is, if it has been a while since the last line. */
    void update(long rows, long added) {
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            out.printf(Locale.ROOT, "  %-16s %3.0f%%  %,d rows read, %,d added (%,.0f rows/s)%n", label,
                    fraction.getAsDouble() * 100, rows, added, rows / seconds());
        }
    }

    double seconds() {
        return Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    }

    /** Prints the phase's closing line. */
    void done(String summary) {
        out.printf(Locale.ROOT, "  %-16s %s (%.1f s)%n", label, summary, seconds());
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
