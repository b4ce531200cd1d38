package townhall.importer;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/** The attributes of one dump row, with typed readers for the formats the dumps use. */
final class Row {
    private final Map<String, String> attributes;
    private long chars;

    Row(int expected) {
        attributes = HashMap.newHashMap(expected);
    }

    void put(String name, String value) {
        attributes.put(name, value);
        chars += value.length();
    }

    /** The attribute text, or null when the row does not have it. */
    String text(String name) {
        return attributes.get(name);
    }

    String text(String name, String fallback) {
        return attributes.getOrDefault(name, fallback);
    }

    long id() {
        return number("Id");
    }

    long number(String name) {
        String value = attributes.get(name);
        if (value == null) {
            throw new IllegalStateException("A row has no " + name + ": " + attributes);
        }
        return Long.parseLong(value);
    }

    Long numberOrNull(String name) {
        String value = attributes.get(name);
        return value == null || value.isEmpty() ? null : Long.valueOf(value);
    }

    int integer(String name, int fallback) {
        String value = attributes.get(name);
        return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    }

    /** Dump dates are UTC, as {@code 2014-01-21T20:26:05.383}. */
    LocalDateTime date(String name) {
        String value = attributes.get(name);
        return value == null || value.isEmpty() ? null : LocalDateTime.parse(value);
    }

    long chars() {
        return chars;
    }
}
