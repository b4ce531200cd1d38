package townhall.i18n;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interface texts in every language: {@code i18n/messages_xx.properties} (UTF-8) from the classpath, overridden
 * key by key by a theme's own {@code i18n/messages_xx.properties} (nearest theme wins). Messages are ICU
 * MessageFormat patterns with named arguments, so plurals follow each language's rules. A key missing in a
 * language falls back to English, then to the key itself.
 */
public final class Messages {
    /** The languages Townhall ships complete, in the order the language menu lists them. */
    public static final List<String> LANGUAGES = List.of("en", "ru", "cs");
    public static final String FALLBACK = "en";

    private final Map<String, Map<String, String>> patterns;
    /** Compiled messages per language and key: a plain text, or an ICU MessageFormat used under its own lock. */
    private final Map<String, Object> compiled = new ConcurrentHashMap<>();
    /** How each language joins a list ("a, b and c"); ICU list formatters are immutable. */
    private final Map<String, ListFormatter> lists = new ConcurrentHashMap<>();

    private Messages(Map<String, Map<String, String>> patterns) {
        this.patterns = patterns;
    }

    /** The shipped bundles only. */
    public static Messages load() {
        return load(List.of());
    }

    /** The shipped bundles, overridden by the {@code i18n/} folders of a theme chain (nearest theme first). */
    public static Messages load(List<Path> themeFolders) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String language : LANGUAGES) {
            Map<String, String> bundle = new LinkedHashMap<>(classpathBundle(language));
            List<Path> farthestFirst = new ArrayList<>(themeFolders);
            Collections.reverse(farthestFirst);
            for (Path folder : farthestFirst) {
                Path file = folder.resolve("i18n").resolve("messages_" + language + ".properties");
                if (Files.isRegularFile(file)) {
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        bundle.putAll(read(reader));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + file, e);
                    }
                }
            }
            all.put(language, Map.copyOf(bundle));
        }
        return new Messages(Map.copyOf(all));
    }

    /** The bundle of one language as shipped, key to pattern: for tests and tools. */
    public static Map<String, String> classpathBundle(String language) {
        String name = "i18n/messages_" + language + ".properties";
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return Map.of();
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }

    /** A supported language for a requested code ("ru", "cs-CZ", "RU"), or null. */
    public static String supported(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(requested.trim().replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : null;
    }

    public boolean has(String key) {
        return patterns.get(FALLBACK).containsKey(key);
    }

    /**
     * The message {@code key} in {@code locale}'s language with named arguments. An argument that is a {@link Text}
     * is put into words first; a list of them (or of strings) is joined the way the language joins a list.
     */
    public String format(Locale locale, String key, Map<String, ?> args) {
        String language = locale == null ? FALLBACK : locale.getLanguage(); // Locale keeps codes lower case
        if (!LANGUAGES.contains(language)) {
            language = FALLBACK;
        }
        Object message = compiled.computeIfAbsent(language + '\u0000' + key, this::compile);
        if (message instanceof String text) {
            return text;
        }
        Map<String, ?> resolved = resolve(locale, language, args == null ? Map.of() : args);
        MessageFormat format = (MessageFormat) message;
        synchronized (format) { // ICU formats are not thread-safe; formatting takes microseconds
            return format.format(resolved);
        }
    }

    /** A {@link Text} in {@code locale}'s language. */
    public String format(Locale locale, Text text) {
        return format(locale, text.key(), text.args());
    }

    private Map<String, ?> resolve(Locale locale, String language, Map<String, ?> args) {
        boolean plain = true;
        for (Object value : args.values()) {
            if (value instanceof Text || value instanceof Collection<?>) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return args;
        }
        Map<String, Object> resolved = new HashMap<>(args);
        resolved.replaceAll((name, value) -> {
            if (value instanceof Text text) {
                return format(locale, text);
            }
            if (value instanceof Collection<?> items) {
                List<String> words = new ArrayList<>(items.size());
                for (Object item : items) {
                    words.add(item instanceof Text text ? format(locale, text) : String.valueOf(item));
                }
                return lists.computeIfAbsent(language, code -> ListFormatter.getInstance(new ULocale(code))).format(words);
            }
            return value;
        });
        return resolved;
    }

    public String format(Locale locale, String key) {
        return format(locale, key, Map.of());
    }

    private Object compile(String languageAndKey) {
        int split = languageAndKey.indexOf('\u0000');
        String language = languageAndKey.substring(0, split);
        String key = languageAndKey.substring(split + 1);
        String pattern = patterns.get(language).get(key);
        if (pattern == null) {
            pattern = patterns.get(FALLBACK).get(key);
        }
        if (pattern == null) {
            return key;
        }
        if (pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        return new MessageFormat(pattern, new ULocale(language));
    }
}
