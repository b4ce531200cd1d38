package townhall.theme;

import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.text.RelativeDateTimeFormatter.Direction;
import com.ibm.icu.text.RelativeDateTimeFormatter.RelativeUnit;
import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.util.ULocale;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Template filters for UTC timestamps: {@code ago} ("3 hours ago", by ICU, in the page's language) and {@code iso}
 * (for datetime=""); and {@code number} for counts.
 */
final class TimeFilters {
    private TimeFilters() {}

    static Filter ago(Clock clock) {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                if (!(input instanceof LocalDateTime time)) {
                    return "";
                }
                return relative(Duration.between(time, LocalDateTime.now(clock)), context.getLocale());
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    static Filter iso() {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                return input instanceof LocalDateTime time ? time.atOffset(ZoneOffset.UTC).toString() : "";
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    /** {@code number}: an integer with the language's digit grouping (1,234 · 1 234). */
    static Filter number() {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                if (!(input instanceof Number value)) {
                    return input;
                }
                return NumberFormatter.withLocale(context.getLocale() == null ? Locale.ENGLISH : context.getLocale())
                        .format(value).toString();
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    static String relative(Duration age) {
        return relative(age, Locale.ENGLISH);
    }

    static String relative(Duration age, Locale locale) {
        RelativeDateTimeFormatter format = RelativeDateTimeFormatter.getInstance(
                ULocale.forLocale(locale == null ? Locale.ENGLISH : locale));
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return format.format(RelativeDateTimeFormatter.Direction.PLAIN, RelativeDateTimeFormatter.AbsoluteUnit.NOW);
        }
        if (seconds < 3600) {
            return format.format(seconds / 60, Direction.LAST, RelativeUnit.MINUTES);
        }
        if (seconds < 86_400) {
            return format.format(seconds / 3600, Direction.LAST, RelativeUnit.HOURS);
        }
        if (seconds < 30 * 86_400L) {
            return format.format(seconds / 86_400, Direction.LAST, RelativeUnit.DAYS);
        }
        if (seconds < 365 * 86_400L) {
            return format.format(seconds / (30 * 86_400L), Direction.LAST, RelativeUnit.MONTHS);
        }
        return format.format(seconds / (365 * 86_400L), Direction.LAST, RelativeUnit.YEARS);
    }
}
