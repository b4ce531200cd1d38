package townhall.brand;

import townhall.mail.MailLook;
import townhall.theme.LoadedTheme;

/** Mail's look, from the brand settings in force: the theme's templates, the site's name, logo and colour. */
public final class BrandMailLook implements MailLook {
    private final BrandService brand;

    public BrandMailLook(BrandService brand) {
        this.brand = brand;
    }

    @Override
    public Look current() {
        Brand settings = brand.current();
        LoadedTheme theme = brand.theme(settings);
        String logo = settings.logo() != null ? settings.logo().path() : theme.logoPath();
        String primary = settings.primaryColor().isEmpty()
                ? theme.theme().property("color.primary", "#1f5fbf") : settings.primaryColor();
        return new Look(theme.templates(), settings.siteName(), logo == null ? "" : logo, primary,
                theme.theme().property("color.primary-text", "#ffffff"));
    }
}
