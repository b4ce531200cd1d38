package townhall.i18n;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something to tell a person, kept as a message key with named arguments until it is shown: then
 * {@link Messages#format(java.util.Locale, Text)} puts it into the reader's language. Services say what went wrong
 * or what happened with a Text (form errors, refusals, notifications, table rows); pages and templates
 * ({@code t(text)}) put it into words. An argument may itself be a Text, or a list of them, which ICU then joins
 * the way the language does ("a, b and c").
 */
public record Text(String key, Map<String, Object> args) {
    private static final String MESSAGE_ARGUMENT = "@";

    public Text {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** {@code Text.of("qa.error.title.short", "min", 15)}: the key, then argument names and values in turn. */
    public static Text of(String key, Object... namedArgs) {
        if (namedArgs.length % 2 != 0) {
            throw new IllegalArgumentException("Arguments of " + key + " come as name, value pairs");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namedArgs.length; i += 2) {
            args.put(String.valueOf(namedArgs[i]), namedArgs[i + 1] == null ? "" : namedArgs[i + 1]);
        }
        return new Text(key, args);
    }

    /** The same message with one argument replaced or added. */
    public Text with(String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(args);
        changed.put(name, value);
        return new Text(key, changed);
    }

    /**
     * The text as one line for storing (a notification waits in the database until it is read, in whatever language
     * the reader then uses): {@code key?name=value&name=value}. Arguments are stored as their text; an argument that
     * is itself a message without arguments (a badge's name) is stored as {@code @name=its.key} and translated when shown.
     */
    public String encoded() {
        StringBuilder out = new StringBuilder(key);
        char separator = '?';
        for (Map.Entry<String, Object> arg : args.entrySet()) {
            boolean message = arg.getValue() instanceof Text text && text.args().isEmpty();
            String value = message ? ((Text) arg.getValue()).key() : String.valueOf(arg.getValue());
            out.append(separator).append(message ? MESSAGE_ARGUMENT : "").append(encode(arg.getKey()))
                    .append('=').append(encode(value));
            separator = '&';
        }
        return out.toString();
    }

    /**
     * A text stored with {@link #encoded()}; whole numbers come back as numbers, for plurals. Anything else (such as
     * a sentence stored before messages were) becomes a key of its own, which shows as it is.
     */
    public static Text decode(String stored) {
        if (stored == null) {
            return of("");
        }
        int question = stored.indexOf('?');
        String key = question < 0 ? stored : stored.substring(0, question);
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            return of(stored);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : stored.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = unescape(pair.substring(0, equals));
                String value = unescape(pair.substring(equals + 1));
                if (name.startsWith(MESSAGE_ARGUMENT)) {
                    args.put(name.substring(1), of(value));
                } else {
                    args.put(name, value.matches("-?\\d{1,18}") ? (Object) Long.parseLong(value) : value);
                }
            }
        }
        return new Text(key, args);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    @Override
    public String toString() {
        return args.isEmpty() ? key : key + args;
    }
}
