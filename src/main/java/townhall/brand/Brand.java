package townhall.brand;

import java.util.List;

/**
 * The brand settings in force, as every page shows them. Empty strings mean "not set": the theme's own colours,
 * the default welcome text, no tagline.
 *
 * @param siteName        the name in the header and titles: the administrator's, else {@code TOWNHALL_SITE_NAME}
 * @param customCssPath   site path of the extra stylesheet, or null when there is no extra CSS
 * @param welcomeHtml     the home page's welcome text, rendered; null for the theme's default text
 * @param guidelinesHtml  the community guidelines page, rendered (the default guidelines when none were written)
 * @param newcomerMarkdown the message that welcomes a member once their address is confirmed; empty for the default
 * @param theme           the folder of the theme the site is shown in: the administrator's choice, else
 *                        {@code TOWNHALL_THEME} (also when the chosen theme is no longer in the themes folder)
 * @param themeSetting    the administrator's choice of theme, empty when none was made
 * @param hero            the picture at the top of the home page, or null for none
 */
public record Brand(
        String siteName,
        String siteNameSetting,
        String tagline,
        Image logo,
        Image favicon,
        Image hero,
        String primaryColor,
        String accentColor,
        String extraCss,
        String customCssPath,
        List<FooterLink> footerLinks,
        String footerLinksText,
        String welcomeMarkdown,
        String welcomeHtml,
        String guidelinesMarkdown,
        String guidelinesHtml,
        String newcomerMarkdown,
        String theme,
        String themeSetting) {

    /** An uploaded image: its site path ({@code /brand/files/<sha-256>.png}) and type. */
    public record Image(String path, String contentType) {}

    /** A link in the footer: {@code url} is https://…, http://… or a site path. */
    public record FooterLink(String label, String url) {}
}
