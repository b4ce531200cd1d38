package townhall.brand;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.Member;
import townhall.config.Config;
import townhall.web.InvalidInput;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.i18n.Messages;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.theme.LoadedTheme;
import townhall.theme.Theme;
import townhall.theme.ThemeTokens;
import townhall.theme.Themes;

/**
 * Brand settings: read from the database into a snapshot every node keeps in memory and re-reads every few
 * seconds ({@link Setting#BRAND_REFRESH_SECONDS}); changed by an administrator, effective on the next page.
 */
public final class BrandService {
    private static final Logger log = LoggerFactory.getLogger(BrandService.class);
    public static final int SITE_NAME_MAX = 60;
    public static final int TAGLINE_MAX = 140;
    public static final int LOGO_MAX_BYTES = 512 * 1024;
    public static final int FAVICON_MAX_BYTES = 64 * 1024;
    public static final int EXTRA_CSS_MAX_BYTES = 32 * 1024;
    public static final int FOOTER_LINKS_MAX = 10;
    public static final int FOOTER_LABEL_MAX = 40;
    public static final int WELCOME_MAX = 5_000;
    public static final int GUIDELINES_MAX = 30_000;

    static final String SITE_NAME = "site_name";
    static final String TAGLINE = "tagline";
    static final String LOGO = "logo";
    static final String FAVICON = "favicon";
    static final String PRIMARY = "color_primary";
    static final String ACCENT = "color_accent";
    static final String EXTRA_CSS = "extra_css";
    static final String FOOTER_LINKS = "footer_links";
    static final String WELCOME = "welcome_md";
    static final String GUIDELINES = "guidelines_md";
    static final String THEME = "theme";

    /** The guidelines until an administrator writes some; visitors read them in their language ({@code brand.guidelines.default}). */
    static final String DEFAULT_GUIDELINES = Messages.classpathBundle("en").get("brand.guidelines.default");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");
    private static final Pattern SITE_PATH = Pattern.compile("/(?!/)[^\\s<>\"\\\\]*");
    private static final Pattern STORED_FILE = Pattern.compile("[0-9a-f]{64}\\.(png|jpg|webp)");

    private final Database database;
    private final BrandStore store;
    private final MarkdownRenderer markdown;
    private final Themes themes;
    private final String configuredSiteName;
    private final Clock clock;
    private final LoadingCache<String, Brand> snapshot;
    private final Map<String, String> renderedDefaults = new ConcurrentHashMap<>();
    /** A chosen theme found missing from the themes folder, said once in the log rather than at every re-read. */
    private volatile String missingTheme;

    public BrandService(Database database, BrandStore store, MarkdownRenderer markdown, Themes themes, Config config,
                        Clock clock) {
        this.database = database;
        this.store = store;
        this.markdown = markdown;
        this.themes = themes;
        this.configuredSiteName = config.get(Setting.SITE_NAME);
        this.clock = clock;
        // After the refresh interval the next page still gets the known settings at once, while they are read
        // again in the background; a failed read keeps the last known ones.
        this.snapshot = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofSeconds(Math.max(1, config.getInt(Setting.BRAND_REFRESH_SECONDS))))
                .build(key -> load());
    }

    /** The brand settings in force on this node. */
    public Brand current() {
        return snapshot.get("brand");
    }

    /** Reads the settings again now, as after this node saved them. */
    public Brand reload() {
        Brand fresh = load();
        snapshot.put("brand", fresh);
        return fresh;
    }

    /** The design token stylesheet: the brand's theme's tokens with the brand colours over them. */
    public ThemeTokens.Stylesheet tokenStylesheet(Brand brand) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!brand.primaryColor().isEmpty()) {
            overrides.put("color.primary", brand.primaryColor());
        }
        if (!brand.accentColor().isEmpty()) {
            overrides.put("color.accent", brand.accentColor());
        }
        return theme(brand).tokens().stylesheet(overrides);
    }

    /** What every page needs of the brand (these settings, in their theme): the name, the logo, the stylesheets. */
    public void decorate(Brand brand, Map<String, Object> model) {
        model.put("siteName", brand.siteName());
        model.put("brand", brand);
        model.put("tokensPath", "/brand/tokens." + tokenStylesheet(brand).hash() + ".css");
        String logo = brand.logo() != null ? brand.logo().path() : theme(brand).logoPath();
        if (logo != null) {
            model.put("logo", logo);
        }
    }

    /**
     * The theme these settings show the site in: the one an administrator chose, else {@code TOWNHALL_THEME}. A
     * lookup in memory: every theme is built once, the first time it is needed.
     */
    public LoadedTheme theme(Brand brand) {
        return themes.get(brand.theme());
    }

    /** The theme in force on this node: its colours are the ones the brand colours are checked against. */
    public Theme theme() {
        return theme(current()).theme();
    }

    /** The themes an administrator can choose from, and the configured one. */
    public Themes themes() {
        return themes;
    }

    private Brand load() {
        Map<String, String> values = store.settings();
        String siteNameSetting = values.getOrDefault(SITE_NAME, "");
        String welcome = values.getOrDefault(WELCOME, "");
        String guidelines = values.getOrDefault(GUIDELINES, "");
        String guidelinesSource = guidelines.isBlank() ? DEFAULT_GUIDELINES : guidelines;
        String extraCss = values.getOrDefault(EXTRA_CSS, "");
        String footer = values.getOrDefault(FOOTER_LINKS, "");
        String themeSetting = values.getOrDefault(THEME, "");
        String theme = themeSetting;
        if (theme.isBlank() || !themes.isAvailable(theme)) {
            if (!theme.isBlank() && !theme.equals(missingTheme)) {
                missingTheme = theme;
                log.warn("The chosen theme '{}' is not in the themes folder; showing the configured theme '{}'",
                        theme, themes.configured());
            }
            theme = themes.configured();
        } else {
            missingTheme = null;
        }
        themes.get(theme); // built here, while settings are read, rather than by the first page after a switch
        return new Brand(
                siteNameSetting.isBlank() ? configuredSiteName : siteNameSetting,
                siteNameSetting,
                values.getOrDefault(TAGLINE, ""),
                image(values.get(LOGO)),
                image(values.get(FAVICON)),
                values.getOrDefault(PRIMARY, ""),
                values.getOrDefault(ACCENT, ""),
                extraCss,
                extraCss.isBlank() ? null : "/brand/custom." + ThemeTokens.hash(extraCss) + ".css",
                parseFooterLinks(footer, null),
                footer,
                welcome,
                welcome.isBlank() ? null : markdown.render(welcome, LinkPolicy.FOLLOW),
                guidelinesSource,
                markdown.render(guidelinesSource, LinkPolicy.FOLLOW),
                theme,
                themeSetting);
    }

    private static Brand.Image image(String stored) {
        if (stored == null || !STORED_FILE.matcher(stored).matches()) {
            return null;
        }
        String extension = stored.substring(stored.indexOf('.') + 1);
        return ImageType.fromExtension(extension)
                .map(type -> new Brand.Image("/brand/files/" + stored, type.contentType()))
                .orElse(null);
    }

    /** An uploaded image from the form; {@code bytes} is empty when no file was chosen. */
    public record Upload(String filename, byte[] bytes) {
        public static final Upload NONE = new Upload("", new byte[0]);

        boolean chosen() { return bytes.length > 0; }
    }

    /**
     * What the administrator typed: kept as typed when the form comes back with errors. {@code theme} is a theme's
     * folder, or empty for the configured theme ({@code TOWNHALL_THEME}).
     */
    public record Form(String theme, String siteName, String tagline, String primaryColor, String accentColor,
                       String extraCss, String footerLinks, String welcome, String guidelines, boolean removeLogo,
                       boolean removeFavicon) {

        /** The form as the current settings fill it. */
        public static Form of(Brand brand) {
            return new Form(brand.themeSetting(), brand.siteNameSetting(), brand.tagline(), brand.primaryColor(),
                    brand.accentColor(), brand.extraCss(), brand.footerLinksText(), brand.welcomeMarkdown(),
                    brand.guidelinesMarkdown(), false, false);
        }
    }

    /** Checks everything, then writes everything in one transaction; on any error nothing is written. */
    public void save(Member admin, Form form, Upload logo, Upload favicon) {
        if (!admin.isAdmin()) {
            throw new IllegalStateException("Only administrators change the brand settings");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();

        text(errors, values, removed, "siteName", SITE_NAME, form.siteName(), SITE_NAME_MAX, "siteName", true);
        text(errors, values, removed, "tagline", TAGLINE, form.tagline(), TAGLINE_MAX, "tagline", true);

        Theme theme = chosenTheme(errors, values, removed, form.theme());
        colour(errors, values, removed, "primaryColor", PRIMARY, form.primaryColor(), "primary",
                theme.property("color.primary-text", "#ffffff"), theme);
        colour(errors, values, removed, "accentColor", ACCENT, form.accentColor(), "accent",
                theme.property("color.accent-text", "#ffffff"), theme);

        String css = form.extraCss().strip();
        int cssBytes = css.getBytes(StandardCharsets.UTF_8).length;
        if (cssBytes > EXTRA_CSS_MAX_BYTES) {
            errors.add("extraCss", "brand.error.css.large", "size", kilobytes(cssBytes), "max", kilobytes(EXTRA_CSS_MAX_BYTES));
        } else {
            put(values, removed, EXTRA_CSS, css);
        }

        List<Brand.FooterLink> links = parseFooterLinks(form.footerLinks(), errors);
        if (!errors.has("footerLinks")) {
            StringBuilder normalized = new StringBuilder();
            links.forEach(link -> normalized.append(link.label()).append(" | ").append(link.url()).append('\n'));
            put(values, removed, FOOTER_LINKS, normalized.toString().strip());
        }

        markdownField(errors, values, removed, "welcome", WELCOME, form.welcome(), WELCOME_MAX, "welcome");
        markdownField(errors, values, removed, "guidelines", GUIDELINES,
                form.guidelines().strip().equals(DEFAULT_GUIDELINES) ? "" : form.guidelines(), GUIDELINES_MAX,
                "guidelines");

        StoredImage newLogo = image(errors, "logo", "logo", logo, LOGO_MAX_BYTES);
        StoredImage newFavicon = image(errors, "favicon", "favicon", favicon, FAVICON_MAX_BYTES);
        errors.throwIfAny();

        if (newLogo != null) {
            values.put(LOGO, newLogo.name());
        } else if (form.removeLogo()) {
            removed.add(LOGO);
        }
        if (newFavicon != null) {
            values.put(FAVICON, newFavicon.name());
        } else if (form.removeFavicon()) {
            removed.add(FAVICON);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            for (StoredImage image : new StoredImage[] {newLogo, newFavicon}) {
                if (image != null) {
                    store.saveFile(image.hash(), image.type().contentType(), image.bytes(), now);
                }
            }
            store.save(values, removed, admin.id(), now);
        });
        reload();
    }

    /** The shipped default guidelines as a reader's language words them, rendered once per text. */
    public String defaultGuidelinesHtml(String source) {
        return renderedDefaults.computeIfAbsent(source, text -> markdown.render(text, LinkPolicy.FOLLOW));
    }

    /**
     * The theme the form chooses, stored as its folder name (removed for the configured theme); an unknown name is
     * an error. The brand colours are checked against the chosen theme, the one they will be shown on.
     */
    private Theme chosenTheme(InvalidInput.Collector errors, Map<String, String> values, Set<String> removed,
                              String typed) {
        String folder = typed.strip();
        if (folder.isEmpty()) {
            removed.add(THEME);
            return themes.configuredTheme().theme();
        }
        if (!themes.isAvailable(folder)) {
            errors.add("theme", "brand.theme.unknown", "name", folder);
            return theme();
        }
        values.put(THEME, folder);
        return themes.get(folder).theme();
    }

    /** An uploaded brand image by its public name ({@code <sha-256>.png}). */
    public Optional<BrandStore.StoredFile> file(String name) {
        if (!STORED_FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        String hash = name.substring(0, 64);
        ImageType type = ImageType.fromExtension(name.substring(65)).orElseThrow();
        return store.file(hash).filter(file -> file.contentType().equals(type.contentType()));
    }

    private record StoredImage(String hash, ImageType type, byte[] bytes) {
        String name() { return hash + "." + type.extension(); }
    }

    private static StoredImage image(InvalidInput.Collector errors, String field, String what, Upload upload,
                                     int maxBytes) {
        if (upload == null || !upload.chosen()) {
            return null;
        }
        if (upload.bytes().length > maxBytes) {
            errors.add(field, "brand.error.image.large", "image", what, "max", kilobytes(maxBytes));
            return null;
        }
        Optional<ImageType> type = ImageType.sniff(upload.bytes());
        if (type.isEmpty()) {
            boolean svg = upload.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")
                    || new String(upload.bytes(), 0, Math.min(upload.bytes().length, 512), StandardCharsets.UTF_8)
                    .contains("<svg");
            errors.add(field, svg ? "brand.error.image.svg" : "brand.error.image.type", "image", what);
            return null;
        }
        return new StoredImage(sha256(upload.bytes()), type.get(), upload.bytes());
    }

    private static void text(InvalidInput.Collector errors, Map<String, String> values, Set<String> removed,
                             String field, String key, String value, int max, String what, boolean oneLine) {
        String clean = value.strip();
        if (clean.length() > max) {
            errors.add(field, "brand.error.long", "field", what, "length", clean.length(), "max", max);
        } else if (CONTROL.matcher(clean).find() || (oneLine && (clean.contains("\n") || clean.contains("\r")))) {
            errors.add(field, "brand.error.oneLine", "field", what);
        } else {
            put(values, removed, key, clean);
        }
    }

    private static void markdownField(InvalidInput.Collector errors, Map<String, String> values, Set<String> removed,
                                      String field, String key, String value, int max, String what) {
        String clean = value.strip();
        if (clean.length() > max) {
            errors.add(field, "brand.error.long", "field", what, "length", clean.length(), "max", max);
        } else {
            put(values, removed, key, clean);
        }
    }

    private static void put(Map<String, String> values, Set<String> removed, String key, String value) {
        if (value.isEmpty()) {
            removed.add(key);
        } else {
            values.put(key, value);
        }
    }

    /**
     * A brand colour is refused when text on it, or it as text on the page, would fail WCAG AA (4.5:1): buttons
     * carry {@code textOnIt} on the colour, and links and marks use the colour on the page background.
     */
    private static void colour(InvalidInput.Collector errors, Map<String, String> values, Set<String> removed,
                               String field, String key, String value, String name, String textOnIt, Theme theme) {
        String typed = value.strip();
        if (typed.isEmpty()) {
            removed.add(key);
            return;
        }
        if (!Contrast.isHexColour(typed)) {
            errors.add(field, "brand.error.colour.format", "colour", name);
            return;
        }
        String colour = Contrast.normalize(typed);
        if (Contrast.isHexColour(textOnIt)) {
            double onIt = Contrast.ratio(colour, textOnIt);
            if (onIt < Contrast.AA_TEXT) {
                boolean lightText = Contrast.luminance(textOnIt) > 0.5;
                errors.add(field, "brand.error.colour.onIt", "colour", name, "value", colour, "text", describe(textOnIt),
                        "textColour", Contrast.normalize(textOnIt), "ratio", Contrast.format(onIt),
                        "shade", lightText ? "darker" : "lighter");
                return;
            }
        }
        String worstBackground = null;
        double worst = Double.MAX_VALUE;
        for (String token : List.of("color.bg", "color.surface")) {
            String background = theme.property(token, "");
            if (Contrast.isHexColour(background) && Contrast.ratio(colour, background) < worst) {
                worst = Contrast.ratio(colour, background);
                worstBackground = background;
            }
        }
        if (worstBackground != null && worst < Contrast.AA_TEXT) {
            boolean lightBackground = Contrast.luminance(worstBackground) > 0.5;
            errors.add(field, "brand.error.colour.asText", "colour", name, "value", colour,
                    "background", Contrast.normalize(worstBackground), "ratio", Contrast.format(worst),
                    "shade", lightBackground ? "darker" : "lighter");
            return;
        }
        values.put(key, colour);
    }

    /** Which text colour a refusal names: "white", "black" or "other" (then given as its hex value). */
    private static String describe(String textColour) {
        return switch (Contrast.normalize(textColour)) {
            case "#ffffff" -> "white";
            case "#000000" -> "black";
            default -> "other";
        };
    }

    /**
     * Footer links, one a line as {@code Label | address}. With {@code errors} it reports the first bad line; without,
     * it skips bad lines (settings read back from the database).
     */
    static List<Brand.FooterLink> parseFooterLinks(String text, InvalidInput.Collector errors) {
        List<Brand.FooterLink> links = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String problem = null;
            int bar = line.lastIndexOf('|');
            String label = bar < 0 ? "" : line.substring(0, bar).strip();
            String url = bar < 0 ? "" : line.substring(bar + 1).strip();
            if (bar < 0 || label.isEmpty() || url.isEmpty()) {
                problem = "format";
            } else if (label.length() > FOOTER_LABEL_MAX) {
                problem = "labelLength";
            } else if (CONTROL.matcher(label).find()) {
                problem = "labelText";
            } else if (!isLinkAddress(url)) {
                problem = "address";
            }
            if (problem == null && links.size() == FOOTER_LINKS_MAX) {
                problem = "count";
            }
            if (problem != null) {
                if (errors != null) {
                    errors.add("footerLinks", "brand.error.footer", "line", i + 1, "problem", problem,
                            "labelMax", FOOTER_LABEL_MAX, "max", FOOTER_LINKS_MAX);
                    return links;
                }
                continue;
            }
            links.add(new Brand.FooterLink(label, url));
        }
        return links;
    }

    static boolean isLinkAddress(String url) {
        if (url.length() > 300) {
            return false;
        }
        if (SITE_PATH.matcher(url).matches()) {
            return true;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Kilobytes to one decimal, for messages that say "{size, number} KB". */
    private static double kilobytes(int bytes) {
        return Math.round(bytes / 102.4) / 10.0;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
