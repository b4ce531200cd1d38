package townhall.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Input a user must correct: one message per form field; nothing was written. */
public final class InvalidInput extends RuntimeException {
    private final Map<String, String> errors;

    public InvalidInput(Map<String, String> errors) {
        super(String.join("; ", errors.values()), null, false, false);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, message));
    }

    public Map<String, String> errors() { return errors; }

    /** Collects field errors; {@link #throwIfAny()} ends validation. */
    public static final class Collector {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public Collector add(String field, String message) {
            errors.putIfAbsent(field, message);
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
