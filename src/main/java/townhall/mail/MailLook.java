package townhall.mail;

import townhall.theme.Templates;

/**
 * What mail shows of the brand, as the site shows it now: the active theme's templates and messages, the site's
 * name, logo and colours. The brand feature answers it (wired in {@code app/}), so mail needs nothing of brand.
 */
public interface MailLook {
    Look current();

    /** {@code logoPath} is a site path or empty; colours are CSS colours. */
    record Look(Templates templates, String siteName, String logoPath, String primaryColor, String primaryText) {}
}
