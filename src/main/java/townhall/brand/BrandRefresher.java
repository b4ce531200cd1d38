package townhall.brand;

import static townhall.brand.BrandService.ACCENT;
import static townhall.brand.BrandService.DEFAULT_GUIDELINES;
import static townhall.brand.BrandService.EXTRA_CSS;
import static townhall.brand.BrandService.FAVICON;
import static townhall.brand.BrandService.HERO;
import static townhall.brand.BrandService.FOOTER_LINKS;
import static townhall.brand.BrandService.GUIDELINES;
import static townhall.brand.BrandService.LOGO;
import static townhall.brand.BrandService.PRIMARY;
import static townhall.brand.BrandService.SITE_NAME;
import static townhall.brand.BrandService.TAGLINE;
import static townhall.brand.BrandService.THEME;
import static townhall.brand.BrandService.NEWCOMER;
import static townhall.brand.BrandService.WELCOME;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.theme.ThemeTokens;
import townhall.theme.Themes;

/**
 * This node's snapshot of the brand settings: read from the database, kept in memory, and read again every few
 * seconds ({@link Setting#BRAND_REFRESH_SECONDS}), so what another node saved shows here without a restart.
 */
final class BrandRefresher {
    // under the brand service's name, as the log has always said it
    private static final Logger log = LoggerFactory.getLogger(BrandService.class);

    private final BrandStore store;
    private final MarkdownRenderer markdown;
    private final Themes themes;
    private final String configuredSiteName;
    private final LoadingCache<String, Brand> snapshot;
    /** A chosen theme found missing from the themes folder, said once in the log rather than at every re-read. */
    private volatile String missingTheme;

    BrandRefresher(BrandStore store, MarkdownRenderer markdown, Themes themes, Config config) {
        this.store = store;
        this.markdown = markdown;
        this.themes = themes;
        this.configuredSiteName = config.get(Setting.SITE_NAME);
        // After the refresh interval the next page still gets the known settings at once, while they are read
        // again in the background; a failed read keeps the last known ones.
        this.snapshot = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofSeconds(Math.max(1, config.getInt(Setting.BRAND_REFRESH_SECONDS))))
                .build(key -> load());
    }

    /** The brand settings in force on this node. */
    Brand current() {
        return snapshot.get("brand");
    }

    /** Reads the settings again now, as after this node saved them. */
    Brand reload() {
        Brand fresh = load();
        snapshot.put("brand", fresh);
        return fresh;
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
        String theme = themeToShow(themeSetting);
        themes.get(theme); // built here, while settings are read, rather than by the first page after a switch
        return new Brand(
                siteNameSetting.isBlank() ? configuredSiteName : siteNameSetting,
                siteNameSetting,
                values.getOrDefault(TAGLINE, ""),
                BrandImages.fromSetting(values.get(LOGO)),
                BrandImages.fromSetting(values.get(FAVICON)),
                BrandImages.fromSetting(values.get(HERO)),
                values.getOrDefault(PRIMARY, ""),
                values.getOrDefault(ACCENT, ""),
                extraCss,
                extraCss.isBlank() ? null : "/brand/custom." + ThemeTokens.hash(extraCss) + ".css",
                FooterLinks.parse(footer, null),
                footer,
                welcome,
                welcome.isBlank() ? null : markdown.render(welcome, LinkPolicy.FOLLOW),
                guidelinesSource,
                markdown.render(guidelinesSource, LinkPolicy.FOLLOW),
                values.getOrDefault(NEWCOMER, ""),
                theme,
                themeSetting);
    }

    /** The chosen theme, else (none chosen, or no longer in the themes folder) the configured one. */
    private String themeToShow(String themeSetting) {
        String theme = themeSetting;
        if (theme.isBlank() || !themes.isAvailable(theme)) {
            if (!theme.isBlank() && !theme.equals(missingTheme)) {
                missingTheme = theme;
                log.warn("The chosen theme '{}' is not in the themes folder; showing the configured theme '{}'",
                        theme, themes.configured());
            }
            return themes.configured();
        }
        missingTheme = null;
        return theme;
    }
}
