package townhall.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings resolved once at start: defaults, overridden by an optional properties file
 * ({@code townhall.properties}, or the file named by {@code TOWNHALL_CONFIG}), overridden by
 * {@code TOWNHALL_*} environment variables.
 */
public final class Config {
    private static final Pattern SIMPLE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");

    private final Map<Setting, String> values;
    private final Set<Setting> given;

    private Config(Map<Setting, String> values, Set<Setting> given) {
        this.values = values;
        this.given = given;
    }

    public static Config load(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault("TOWNHALL_CONFIG", "townhall.properties"));
        Properties fromFile = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                fromFile.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Set<Setting> given = EnumSet.noneOf(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = setting.defaultValue();
            value = fromFile.getProperty(setting.key(), value);
            value = env.getOrDefault(setting.env(), value);
            values.put(setting, value.trim());
            if (fromFile.containsKey(setting.key()) || env.containsKey(setting.env())) {
                given.add(setting);
            }
        }
        return new Config(values, given);
    }

    /** Defaults with the given overrides: for tests and commands that build a config in code. */
    public static Config of(Map<Setting, String> overrides) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, overrides.getOrDefault(setting, setting.defaultValue()));
        }
        Set<Setting> given = EnumSet.noneOf(Setting.class);
        given.addAll(overrides.keySet());
        return new Config(values, given);
    }

    public Config with(Setting setting, String value) {
        Map<Setting, String> copy = new EnumMap<>(values);
        copy.put(setting, value);
        Set<Setting> given = EnumSet.noneOf(Setting.class);
        given.addAll(this.given);
        given.add(setting);
        return new Config(copy, given);
    }

    /** Whether the operator gave this setting (file, environment or code), rather than leaving the default. */
    public boolean isGiven(Setting setting) { return given.contains(setting); }

    public String get(Setting setting) { return values.get(setting); }

    public int getInt(Setting setting) {
        try {
            return Integer.parseInt(get(setting));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(setting.env() + " must be a whole number, not '" + get(setting) + "'");
        }
    }

    public boolean getBoolean(Setting setting) { return Boolean.parseBoolean(get(setting)); }

    public Path dataDir() { return Path.of(get(Setting.DATA_DIR)).toAbsolutePath(); }

    public boolean usesEmbeddedDatabase() { return get(Setting.DB_URL).isEmpty(); }

    public boolean isHttps() { return get(Setting.BASE_URL).startsWith("https://"); }

    /** The public address without a trailing slash, path prefix included: {@code https://brand.example/community}. */
    public String publicBase() {
        String base = get(Setting.BASE_URL);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * The path prefix the site is served under, from the base URL: {@code ""} at the root of a domain,
     * {@code "/community"} for {@code https://brand.example/community/}.
     */
    public String basePath() {
        String base = get(Setting.BASE_URL);
        String path;
        try {
            URI uri = new URI(base);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(base, "not an http(s) address with a host");
            }
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(base, "has a query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(Setting.BASE_URL.env() + " must be an http:// or https:// address such as "
                    + "https://community.brand.example or https://brand.example/community/, not '" + base + "'");
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!SIMPLE_PATH.matcher(path).matches()) {
            throw new IllegalStateException(Setting.BASE_URL.env() + " may hold a path of plain segments only "
                    + "(letters, digits, '.', '_', '~', '-'), not '" + path + "'");
        }
        return path;
    }
}
