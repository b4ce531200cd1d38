package townhall.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import townhall.i18n.Text;

/**
 * Input a user must correct: one message per form field; nothing was written. Each message is a {@link Text} (a key
 * of the message bundles and its arguments), put into words in the reader's language when the form is shown again
 * ({@link Views#errors}).
 */
public final class InvalidInput extends RuntimeException {
    private final Map<String, Text> errors;

    public InvalidInput(Map<String, Text> errors) {
        super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")),
                null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** One field's error: {@code InvalidInput.of("title", "qa.error.title.short", "min", 15)}. */
    public static InvalidInput of(String field, String key, Object... namedArgs) {
        return new InvalidInput(Map.of(field, Text.of(key, namedArgs)));
    }

    /** Field to message, in the order the fields were checked. */
    public Map<String, Text> errors() { return errors; }

    /** Collects field errors; {@link #throwIfAny()} ends validation. */
    public static final class Collector {
        private final Map<String, Text> errors = new LinkedHashMap<>();

        /** The field's first error wins: {@code add("title", "qa.error.title.short", "min", 15)}. */
        public Collector add(String field, String key, Object... namedArgs) {
            errors.putIfAbsent(field, Text.of(key, namedArgs));
            return this;
        }

        public boolean has(String field) { return errors.containsKey(field); }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
