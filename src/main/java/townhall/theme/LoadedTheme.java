package townhall.theme;

import townhall.i18n.Messages;

/**
 * One theme with everything a page needs built from it: the theme chain, the fingerprinted static files, the design
 * token stylesheet, the Pebble engine with its caches and the interface texts with the theme's overrides. Built once
 * per theme by {@link Themes} and kept; in development mode its parts read their files again on every use.
 */
public final class LoadedTheme {
    private final Theme theme;
    private final Assets assets;
    private final ThemeTokens tokens;
    private final Templates templates;
    private final boolean reloading;
    /** The logo's site path once known ("" for none), so a page costs no file lookup outside development mode. */
    private volatile String logo;

    LoadedTheme(Theme theme, Assets assets, ThemeTokens tokens, Templates templates, boolean reloading) {
        this.theme = theme;
        this.assets = assets;
        this.tokens = tokens;
        this.templates = templates;
        this.reloading = reloading;
    }

    /** The theme's folder name, such as {@code corporate}. */
    public String folder() {
        return theme.name();
    }

    /** The theme as it is now (in development mode read again from its {@code theme.properties}). */
    public Theme theme() {
        return tokens.theme();
    }

    /** The name people read, from {@code theme.properties}; the folder name when it has none. */
    public String displayName() {
        return theme().property("name", theme.name());
    }

    public Assets assets() {
        return assets;
    }

    public ThemeTokens tokens() {
        return tokens;
    }

    public Templates templates() {
        return templates;
    }

    public Messages messages() {
        return templates.messages();
    }

    /** The site path of the theme's own logo ({@code logo=} in theme.properties), fingerprinted; null for none. */
    public String logoPath() {
        String known = logo;
        if (known == null || reloading) {
            Theme current = theme();
            String file = current.property("logo", "").trim();
            known = file.isEmpty() || current.staticFile(file).isEmpty() ? "" : "/static/" + assets.fingerprinted(file);
            logo = known;
        }
        return known.isEmpty() ? null : known;
    }
}
