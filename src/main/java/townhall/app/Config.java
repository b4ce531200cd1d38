package townhall.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings resolved once at start: defaults, overridden by an optional properties file
 * ({@code townhall.properties}, or the file named by {@code TOWNHALL_CONFIG}), overridden by
 * {@code TOWNHALL_*} environment variables.
 */
public final class Config {
    private final Map<Setting, String> values;

    private Config(Map<Setting, String> values) {
        this.values = values;
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
        for (Setting setting : Setting.values()) {
            String value = setting.defaultValue();
            value = fromFile.getProperty(setting.key(), value);
            value = env.getOrDefault(setting.env(), value);
            values.put(setting, value.trim());
        }
        return new Config(values);
    }

    /** Defaults with the given overrides: for tests and commands that build a config in code. */
    public static Config of(Map<Setting, String> overrides) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, overrides.getOrDefault(setting, setting.defaultValue()));
        }
        return new Config(values);
    }

    public Config with(Setting setting, String value) {
        Map<Setting, String> copy = new EnumMap<>(values);
        copy.put(setting, value);
        return new Config(copy);
    }

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
}
