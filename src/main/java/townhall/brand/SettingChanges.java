package townhall.brand;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What saving the brand form writes: the settings to set, by name, and the names of those to remove. */
final class SettingChanges {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> removed = new HashSet<>();

    void set(String key, String value) {
        values.put(key, value);
    }

    void remove(String key) {
        removed.add(key);
    }

    /** Sets the value, or removes the setting when the value is empty. */
    void put(String key, String value) {
        if (value.isEmpty()) {
            remove(key);
        } else {
            set(key, value);
        }
    }

    Map<String, String> values() {
        return values;
    }

    Set<String> removed() {
        return removed;
    }
}
