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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.ibm.icu.number.LocalizedNumberFormatter;

/**
 * Template filters for UTC timestamps: {@code ago} ("3 hours ago", by ICU, in the page's language) and {@code iso}
 * (for datetime=""); and {@code number} for counts.
 */
final class TimeFilters {
    /**
     * "3 hours ago" and its kind, per language, unit and count: a few hundred texts in all, and building ICU's
     * formatter for each timestamp took a quarter of the time of rendering a long question page.
     */
    private final Map<String, String> relativeTexts = new ConcurrentHashMap<>();
    /** ICU's number formatters are immutable and thread-safe: one per language. */
    private final Map<Locale, LocalizedNumberFormatter> numberFormats = new ConcurrentHashMap<>();

    Filter ago(Clock clock) {
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

    Filter iso() {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                // whole seconds: HTML's datetime takes at most three digits of a second, and nobody reads the rest
                if (input instanceof java.time.LocalDate day) {
                    return day.toString();
                }
                return input instanceof LocalDateTime time
                        ? time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString() : "";
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    /** {@code number}: an integer with the language's digit grouping (1,234 · 1 234). */
    Filter number() {
        return new Filter() {
            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                int line) {
                if (!(input instanceof Number value)) {
                    return input;
                }
                Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
                return numberFormats.computeIfAbsent(locale, NumberFormatter::withLocale).format(value).toString();
            }

            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }
        };
    }

    String relative(Duration age, Locale locale) {
        Locale language = locale == null ? Locale.ENGLISH : locale;
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return relativeTexts.computeIfAbsent(language.toLanguageTag() + "|now", key -> formatter(language)
                    .format(RelativeDateTimeFormatter.Direction.PLAIN, RelativeDateTimeFormatter.AbsoluteUnit.NOW));
        }
        if (seconds < 3600) {
            return ago(language, seconds / 60, RelativeUnit.MINUTES);
        }
        if (seconds < 86_400) {
            return ago(language, seconds / 3600, RelativeUnit.HOURS);
        }
        if (seconds < 30 * 86_400L) {
            return ago(language, seconds / 86_400, RelativeUnit.DAYS);
        }
        if (seconds < 365 * 86_400L) {
            return ago(language, seconds / (30 * 86_400L), RelativeUnit.MONTHS);
        }
        return ago(language, seconds / (365 * 86_400L), RelativeUnit.YEARS);
    }

    private String ago(Locale language, long count, RelativeUnit unit) {
        return relativeTexts.computeIfAbsent(language.toLanguageTag() + "|" + unit + "|" + count,
                key -> formatter(language).format(count, Direction.LAST, unit));
    }

    private static RelativeDateTimeFormatter formatter(Locale language) {
        return RelativeDateTimeFormatter.getInstance(ULocale.forLocale(language));
    }
}
