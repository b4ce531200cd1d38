package townhall.theme;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The active theme and its ancestors, nearest first, ending with {@code default}. A file is looked up
 * in each theme folder in turn, so a brand theme overrides any template or static file of its parent.
 */
public final class Theme {
    public static final String DEFAULT = "default";

    private final Path themesDir;
    private final String name;
    private final List<Path> folders;
    private final Properties properties;

    private Theme(Path themesDir, String name, List<Path> folders, Properties properties) {
        this.themesDir = themesDir;
        this.name = name;
        this.folders = Collections.unmodifiableList(folders);
        this.properties = properties;
    }

    public static Theme load(Path themesDir, String name) {
        List<Path> folders = new ArrayList<>();
        Properties merged = new Properties();
        Set<String> seen = new LinkedHashSet<>();
        String current = name;
        while (current != null && seen.add(current)) {
            Path folder = themesDir.resolve(current).normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("Theme '" + current + "' not found: no folder " + folder.toAbsolutePath());
            }
            folders.add(folder);
            Properties own = read(folder.resolve("theme.properties"));
            own.forEach(merged::putIfAbsent);
            current = own.getProperty("parent", DEFAULT.equals(current) ? null : DEFAULT);
        }
        if (!seen.contains(DEFAULT)) {
            throw new IllegalStateException("Theme '" + name + "' must descend from the default theme");
        }
        return new Theme(themesDir, name, folders, merged);
    }

    /** The same theme read again from its files: in development mode, after its theme.properties changed. */
    public Theme reload() {
        return load(themesDir, name);
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }

    public String name() { return name; }

    /** The theme folders, nearest theme first. */
    public List<Path> folders() {
        return folders;
    }

    /** Template folders, nearest theme first. */
    public List<Path> templateFolders() {
        return folders.stream().map(folder -> folder.resolve("templates")).toList();
    }

    /** The static file for a path such as {@code css/site.css}, from the nearest theme that has it. */
    public Optional<Path> staticFile(String relativePath) {
        for (Path folder : folders) {
            Path root = folder.resolve("static");
            Path candidate = root.resolve(relativePath).normalize();
            if (candidate.startsWith(root) && Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public String property(String key, String fallback) {
        return properties.getProperty(key, fallback);
    }

    /** Every property of the theme and its ancestors, the nearest theme's value winning. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
