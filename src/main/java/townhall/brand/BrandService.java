package townhall.brand;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The settings' names and limits are here, and the save; the parts do the rest: {@link BrandRefresher} keeps
 * the snapshot, {@link BrandFormValidator} checks the form, {@link BrandImages} the uploads.
 */
public final class BrandService {
    public static final int SITE_NAME_MAX = 60;
    public static final int TAGLINE_MAX = 140;
    public static final int LOGO_MAX_BYTES = 512 * 1024;
    public static final int FAVICON_MAX_BYTES = 64 * 1024;
    public static final int HERO_MAX_BYTES = 1024 * 1024;
    public static final int EXTRA_CSS_MAX_BYTES = 32 * 1024;
    public static final int FOOTER_LINKS_MAX = 10;
    public static final int FOOTER_LABEL_MAX = 40;
    public static final int WELCOME_MAX = 5_000;
    public static final int GUIDELINES_MAX = 30_000;

    static final String SITE_NAME = "site_name";
    static final String TAGLINE = "tagline";
    static final String LOGO = "logo";
    static final String FAVICON = "favicon";
    static final String HERO = "hero";
    static final String PRIMARY = "color_primary";
    static final String ACCENT = "color_accent";
    static final String EXTRA_CSS = "extra_css";
    static final String FOOTER_LINKS = "footer_links";
    static final String WELCOME = "welcome_md";
    static final String NEWCOMER = "newcomer_md";
    static final String GUIDELINES = "guidelines_md";
    static final String THEME = "theme";

    /** The guidelines until an administrator writes some; visitors read them in their language ({@code brand.guidelines.default}). */
    static final String DEFAULT_GUIDELINES = Messages.classpathBundle("en").get("brand.guidelines.default");

    private final Database database;
    private final BrandStore store;
    private final MarkdownRenderer markdown;
    private final Themes themes;
    private final Clock clock;
    private final BrandRefresher refresher;
    private final BrandFormValidator validator;
    private final BrandImages images;
    private final Map<String, String> renderedDefaults = new ConcurrentHashMap<>();

    public BrandService(Database database, BrandStore store, MarkdownRenderer markdown, Themes themes, Config config,
                        Clock clock) {
        this.database = database;
        this.store = store;
        this.markdown = markdown;
        this.themes = themes;
        this.clock = clock;
        this.refresher = new BrandRefresher(store, markdown, themes, config);
        this.validator = new BrandFormValidator(themes, this::theme);
        this.images = new BrandImages(store);
    }

    /** The brand settings in force on this node. */
    public Brand current() {
        return refresher.current();
    }

    /** Reads the settings again now, as after this node saved them. */
    public Brand reload() {
        return refresher.reload();
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
        model.put("communityName", namesItselfACommunity(brand.siteName()) ? brand.siteName() : null);
        model.put("brand", brand);
        model.put("tokensPath", "/brand/tokens." + tokenStylesheet(brand).hash() + ".css");
        String logo = brand.logo() != null ? brand.logo().path() : theme(brand).logoPath();
        if (logo != null) {
            model.put("logo", logo);
        }
    }

    /** "Northwind Community" is not called "Northwind Community community": such a name is used as it is. */
    static boolean namesItselfACommunity(String siteName) {
        String name = siteName.strip().toLowerCase(java.util.Locale.ROOT);
        return java.util.stream.Stream.of("community", "forum", "forums", "сообщество", "форум", "komunita", "fórum")
                .anyMatch(word -> name.endsWith(word) || name.startsWith(word + " "));
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
                       String extraCss, String footerLinks, String welcome, String guidelines, String newcomer,
                       boolean removeLogo, boolean removeFavicon, boolean removeHero) {

        /** The form as the current settings fill it. */
        public static Form of(Brand brand) {
            return new Form(brand.themeSetting(), brand.siteNameSetting(), brand.tagline(), brand.primaryColor(),
                    brand.accentColor(), brand.extraCss(), brand.footerLinksText(), brand.welcomeMarkdown(),
                    brand.guidelinesMarkdown(), brand.newcomerMarkdown(), false, false, false);
        }
    }

    /** Checks everything, then writes everything in one transaction; on any error nothing is written. */
    public void save(Member admin, Form form, Upload logo, Upload favicon) {
        save(admin, form, logo, favicon, Upload.NONE);
    }

    /** As above, with the picture at the top of the home page. */
    public void save(Member admin, Form form, Upload logo, Upload favicon, Upload hero) {
        if (!admin.isAdmin()) {
            throw new IllegalStateException("Only administrators change the brand settings");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        SettingChanges changes = validator.check(form, errors);
        BrandImages.StoredImage newLogo = BrandImages.check(errors, "logo", "logo", logo, LOGO_MAX_BYTES);
        BrandImages.StoredImage newFavicon = BrandImages.check(errors, "favicon", "favicon", favicon,
                FAVICON_MAX_BYTES);
        BrandImages.StoredImage newHero = BrandImages.check(errors, "hero", "hero", hero, HERO_MAX_BYTES);
        errors.throwIfAny();

        replaceOrRemove(changes, LOGO, newLogo, form.removeLogo());
        replaceOrRemove(changes, FAVICON, newFavicon, form.removeFavicon());
        replaceOrRemove(changes, HERO, newHero, form.removeHero());
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            for (BrandImages.StoredImage image : new BrandImages.StoredImage[] {newLogo, newFavicon, newHero}) {
                if (image != null) {
                    store.saveFile(image.hash(), image.type().contentType(), image.bytes(), now);
                }
            }
            store.save(changes.values(), changes.removed(), admin.id(), now);
        });
        reload();
    }

    /** A newly uploaded image replaces the old one; without one, ticking "remove" removes it. */
    private static void replaceOrRemove(SettingChanges changes, String key, BrandImages.StoredImage uploaded,
                                        boolean remove) {
        if (uploaded != null) {
            changes.set(key, uploaded.name());
        } else if (remove) {
            changes.remove(key);
        }
    }

    /** The shipped default guidelines as a reader's language words them, rendered once per text. */
    public String defaultGuidelinesHtml(String source) {
        return renderedDefaults.computeIfAbsent(source, text -> markdown.render(text, LinkPolicy.FOLLOW));
    }

    /** An uploaded brand image by its public name ({@code <sha-256>.png}). */
    public Optional<BrandStore.StoredFile> file(String name) {
        return images.file(name);
    }
}
