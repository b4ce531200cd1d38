package townhall.brand;

import static townhall.brand.BrandService.ACCENT;
import static townhall.brand.BrandService.DEFAULT_GUIDELINES;
import static townhall.brand.BrandService.EXTRA_CSS;
import static townhall.brand.BrandService.EXTRA_CSS_MAX_BYTES;
import static townhall.brand.BrandService.FOOTER_LINKS;
import static townhall.brand.BrandService.GUIDELINES;
import static townhall.brand.BrandService.GUIDELINES_MAX;
import static townhall.brand.BrandService.PRIMARY;
import static townhall.brand.BrandService.SITE_NAME;
import static townhall.brand.BrandService.SITE_NAME_MAX;
import static townhall.brand.BrandService.TAGLINE;
import static townhall.brand.BrandService.TAGLINE_MAX;
import static townhall.brand.BrandService.THEME;
import static townhall.brand.BrandService.NEWCOMER;
import static townhall.brand.BrandService.WELCOME;
import static townhall.brand.BrandService.WELCOME_MAX;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import townhall.theme.Theme;
import townhall.theme.Themes;
import townhall.web.InvalidInput;

/**
 * Checks the brand form's fields (all but the uploads, see {@link BrandImages}) and turns them into the settings
 * to write. A field with an error adds it to the collector and changes nothing.
 */
final class BrandFormValidator {
    static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

    private final Themes themes;
    private final Supplier<Theme> themeInForce;

    /** @param themeInForce the theme the colours are checked against when the form names an unknown one */
    BrandFormValidator(Themes themes, Supplier<Theme> themeInForce) {
        this.themes = themes;
        this.themeInForce = themeInForce;
    }

    /** The settings the form sets and removes; what is wrong with it goes to {@code errors}. */
    SettingChanges check(BrandService.Form form, InvalidInput.Collector errors) {
        SettingChanges changes = new SettingChanges();
        text(errors, changes, "siteName", SITE_NAME, form.siteName(), SITE_NAME_MAX, "siteName", true);
        text(errors, changes, "tagline", TAGLINE, form.tagline(), TAGLINE_MAX, "tagline", true);

        Theme theme = chosenTheme(errors, changes, form.theme());
        BrandColours.check(errors, changes, "primaryColor", PRIMARY, form.primaryColor(), "primary",
                theme.property("color.primary-text", "#ffffff"), theme);
        BrandColours.check(errors, changes, "accentColor", ACCENT, form.accentColor(), "accent",
                theme.property("color.accent-text", "#ffffff"), theme);

        extraCss(errors, changes, form.extraCss());
        footerLinks(errors, changes, form.footerLinks());

        markdownField(errors, changes, "welcome", WELCOME, form.welcome(), WELCOME_MAX, "welcome");
        markdownField(errors, changes, "newcomer", NEWCOMER, form.newcomer(), WELCOME_MAX, "newcomer");
        markdownField(errors, changes, "guidelines", GUIDELINES,
                form.guidelines().strip().equals(DEFAULT_GUIDELINES) ? "" : form.guidelines(), GUIDELINES_MAX,
                "guidelines");
        return changes;
    }

    /**
     * The theme the form chooses, stored as its folder name (removed for the configured theme); an unknown name is
     * an error. The brand colours are checked against the chosen theme, the one they will be shown on.
     */
    private Theme chosenTheme(InvalidInput.Collector errors, SettingChanges changes, String typed) {
        String folder = typed.strip();
        if (folder.isEmpty()) {
            changes.remove(THEME);
            return themes.configuredTheme().theme();
        }
        if (!themes.isAvailable(folder)) {
            errors.add("theme", "brand.theme.unknown", "name", folder);
            return themeInForce.get();
        }
        changes.set(THEME, folder);
        return themes.get(folder).theme();
    }

    private static void text(InvalidInput.Collector errors, SettingChanges changes, String field, String key,
                             String value, int max, String what, boolean oneLine) {
        String clean = value.strip();
        if (clean.length() > max) {
            errors.add(field, "brand.error.long", "field", what, "length", clean.length(), "max", max);
        } else if (CONTROL.matcher(clean).find() || (oneLine && (clean.contains("\n") || clean.contains("\r")))) {
            errors.add(field, "brand.error.oneLine", "field", what);
        } else {
            changes.put(key, clean);
        }
    }

    private static void extraCss(InvalidInput.Collector errors, SettingChanges changes, String typed) {
        String css = typed.strip();
        int cssBytes = css.getBytes(StandardCharsets.UTF_8).length;
        if (cssBytes > EXTRA_CSS_MAX_BYTES) {
            errors.add("extraCss", "brand.error.css.large", "size", kilobytes(cssBytes), "max", kilobytes(EXTRA_CSS_MAX_BYTES));
        } else {
            changes.put(EXTRA_CSS, css);
        }
    }

    private static void footerLinks(InvalidInput.Collector errors, SettingChanges changes, String typed) {
        List<Brand.FooterLink> links = FooterLinks.parse(typed, errors);
        if (!errors.has("footerLinks")) {
            changes.put(FOOTER_LINKS, FooterLinks.text(links));
        }
    }

    private static void markdownField(InvalidInput.Collector errors, SettingChanges changes, String field,
                                      String key, String value, int max, String what) {
        String clean = value.strip();
        if (clean.length() > max) {
            errors.add(field, "brand.error.long", "field", what, "length", clean.length(), "max", max);
        } else {
            changes.put(key, clean);
        }
    }

    /** Kilobytes to one decimal, for messages that say "{size, number} KB". */
    static double kilobytes(int bytes) {
        return Math.round(bytes / 102.4) / 10.0;
    }
}
