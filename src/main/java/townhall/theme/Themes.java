package townhall.theme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The themes of the themes folder: every folder with a {@code theme.properties} that descends from {@code default}.
 * Each theme is built into a {@link LoadedTheme} the first time it is asked for and kept, so switching themes costs
 * one build per theme and a page then only looks its theme up in a map.
 */
public final class Themes {
    private static final Logger log = LoggerFactory.getLogger(Themes.class);
    /** What a theme folder may be called: a plain name, never a path. */
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern FINGERPRINTED = Pattern.compile("(.*)\\.([0-9a-f]{10})(\\.[A-Za-z0-9]+)$");

    private final Path dir;
    private final String configured;
    private final boolean reloading;
    private final Clock clock;
    private final String basePath;
    private final Map<String, LoadedTheme> loaded = new ConcurrentHashMap<>();
    private volatile List<Choice> known;

    /** A theme an administrator can choose: its folder and the name its theme.properties gives it. */
    public record Choice(String folder, String name) {}

    /**
     * {@code configured} is {@code TOWNHALL_THEME}, the theme in force until an administrator chooses one; it is
     * built at once, so a misconfigured theme stops the start with a clear message.
     */
    public Themes(Path dir, String configured, boolean reloading, Clock clock, String basePath) {
        this.dir = dir;
        this.configured = configured;
        this.reloading = reloading;
        this.clock = clock;
        this.basePath = basePath;
        this.known = scan();
        get(configured);
    }

    /** The folder of the configured theme ({@code TOWNHALL_THEME}). */
    public String configured() {
        return configured;
    }

    public LoadedTheme configuredTheme() {
        return get(configured);
    }

    /** The themes in the folder now, default first, then by name; reads the folder again. */
    public List<Choice> available() {
        known = scan();
        return known;
    }

    /** Whether {@code folder} is a theme of the folder; only reads the folder again for a name it did not know. */
    public boolean isAvailable(String folder) {
        if (folder == null || !FOLDER.matcher(folder).matches()) {
            return false;
        }
        return contains(known, folder) || contains(available(), folder);
    }

    private static boolean contains(List<Choice> choices, String folder) {
        return choices.stream().anyMatch(choice -> choice.folder().equals(folder));
    }

    /** The theme of {@code folder}, built the first time and kept. */
    public LoadedTheme get(String folder) {
        LoadedTheme theme = loaded.get(folder);
        return theme != null ? theme : loaded.computeIfAbsent(folder, this::build);
    }

    private LoadedTheme build(String folder) {
        if (!FOLDER.matcher(folder).matches()) {
            throw new IllegalArgumentException("Not a theme name: " + folder);
        }
        Theme theme = Theme.load(dir, folder);
        Assets assets = new Assets(theme, reloading);
        ThemeTokens tokens = new ThemeTokens(theme, reloading);
        Templates templates = new Templates(theme, assets, reloading, clock, basePath);
        log.info("Theme '{}' ({}) loaded", folder, theme.property("name", folder));
        return new LoadedTheme(theme, assets, tokens, templates, reloading);
    }

    /**
     * A requested static file ({@code css/site.1a2b3c4d5e.css} or {@code css/site.css}): from the active theme, or,
     * for a fingerprint of another theme (a page rendered just before a switch), from that theme.
     */
    public Optional<Assets.Resolved> resolveStatic(LoadedTheme active, String requested) {
        Optional<Assets.Resolved> own = active.assets().resolve(requested);
        if (own.map(Assets.Resolved::immutable).orElse(false)) {
            return own;
        }
        Matcher matcher = FINGERPRINTED.matcher(requested);
        if (matcher.matches()) {
            for (Choice choice : known) {
                if (choice.folder().equals(active.folder())) {
                    continue;
                }
                try {
                    Optional<Assets.Resolved> other = get(choice.folder()).assets().resolve(requested);
                    if (other.map(Assets.Resolved::immutable).orElse(false)) {
                        return other;
                    }
                } catch (RuntimeException e) {
                    log.warn("Theme '{}' cannot be loaded: {}", choice.folder(), e.getMessage());
                }
            }
        }
        return own;
    }

    private List<Choice> scan() {
        List<Choice> choices = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.sorted().toList()) {
                String name = folder.getFileName().toString();
                if (!FOLDER.matcher(name).matches() || !Files.isRegularFile(folder.resolve("theme.properties"))) {
                    continue;
                }
                try {
                    Theme theme = Theme.load(dir, name);
                    choices.add(new Choice(name, theme.property("name", name)));
                } catch (RuntimeException e) {
                    log.warn("Theme folder {} is not offered: {}", folder.toAbsolutePath(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the themes folder " + dir.toAbsolutePath(), e);
        }
        choices.sort(Comparator.comparing((Choice choice) -> !choice.folder().equals(Theme.DEFAULT))
                .thenComparing(choice -> choice.name().toLowerCase(java.util.Locale.ROOT)));
        return List.copyOf(choices);
    }
}
