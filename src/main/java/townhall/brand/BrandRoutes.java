package townhall.brand;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Views;
import townhall.web.Web;
import townhall.theme.LoadedTheme;
import townhall.theme.ThemeTokens;
import townhall.theme.Themes;

/**
 * The brand settings page for administrators, the community guidelines page, and what the brand adds to every
 * page: the design token stylesheet, the extra stylesheet, the uploaded logo and favicon.
 */
public final class BrandRoutes {
    private static final Pattern STYLESHEET = Pattern.compile("(tokens|custom)\\.([0-9a-f]{10})\\.css");
    private static final String YEAR = "public, max-age=31536000, immutable";
    private static final String REQUEST_BRAND = "townhall.brand";

    private final BrandService brand;
    private final Views views;
    private final Cache<String, BrandStore.StoredFile> files = Caffeine.newBuilder()
            .maximumWeight(16L * 1024 * 1024)
            .weigher((String name, BrandStore.StoredFile file) -> file.bytes().length)
            .build();

    public BrandRoutes(BrandService brand, Views views) {
        this.brand = brand;
        this.views = views;
    }

    /**
     * The brand settings a request is shown with, and so its theme: read once per request from the node's snapshot
     * (memory only), so one page never mixes two themes while the settings are re-read.
     */
    public static Brand brandOf(BrandService brand, Context ctx) {
        Brand known = ctx.attribute(REQUEST_BRAND);
        if (known == null) {
            known = brand.current();
            ctx.attribute(REQUEST_BRAND, known);
        }
        return known;
    }

    /** The theme a request is shown in: the administrator's choice, else {@code TOWNHALL_THEME}. */
    public static LoadedTheme themeOf(BrandService brand, Context ctx) {
        return brand.theme(brandOf(brand, ctx));
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/brand", ctx -> {
            Web.requireAdmin(ctx);
            show(ctx, BrandService.Form.of(brandOf(brand, ctx)), Map.of(), "1".equals(ctx.queryParam("saved")));
        });
        routes.post("/admin/brand", this::save);
        routes.get("/guidelines", this::guidelines);
        routes.get("/brand/{file}", this::stylesheet);
        routes.get("/brand/files/{file}", this::image);
    }

    private void show(Context ctx, BrandService.Form form, Map<String, String> errors, boolean saved) {
        Brand current = brandOf(brand, ctx);
        LoadedTheme theme = brand.theme(current);
        Themes themes = brand.themes();
        List<Themes.Choice> choices = themes.available();
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "brand.title"));
        model.put("form", form);
        model.put("errors", errors);
        model.put("saved", saved);
        model.put("current", current);
        model.put("themeName", theme.displayName());
        model.put("themePrimary", theme.theme().property("color.primary", ""));
        model.put("themeAccent", theme.theme().property("color.accent", ""));
        model.put("themes", choices);
        model.put("configuredThemeName", themes.configuredTheme().displayName());
        // a choice that is not (or no longer) in the themes folder stays visible, marked, rather than silently changed
        model.put("missingTheme", !form.theme().isBlank()
                && choices.stream().noneMatch(choice -> choice.folder().equals(form.theme())));
        model.put("limits", Map.of(
                "siteName", BrandService.SITE_NAME_MAX,
                "tagline", BrandService.TAGLINE_MAX,
                "logoKb", BrandService.LOGO_MAX_BYTES / 1024,
                "faviconKb", BrandService.FAVICON_MAX_BYTES / 1024,
                "heroKb", BrandService.HERO_MAX_BYTES / 1024,
                "cssKb", BrandService.EXTRA_CSS_MAX_BYTES / 1024,
                "footerLinks", BrandService.FOOTER_LINKS_MAX));
        views.render(ctx, "brand/admin", model);
    }

    private void save(Context ctx) {
        Member admin = Web.requireAdmin(ctx);
        // a form without the theme field (an older page, a script) leaves the theme as it is
        String theme = ctx.formParam("theme") == null ? brandOf(brand, ctx).themeSetting() : field(ctx, "theme").strip();
        BrandService.Form form = new BrandService.Form(theme,
                field(ctx, "siteName"), field(ctx, "tagline"), field(ctx, "primaryColor"), field(ctx, "accentColor"),
                field(ctx, "extraCss"), field(ctx, "footerLinks"), field(ctx, "welcome"), field(ctx, "guidelines"),
                field(ctx, "newcomer"), ctx.formParam("removeLogo") != null, ctx.formParam("removeFavicon") != null,
                ctx.formParam("removeHero") != null);
        try {
            brand.save(admin, form, upload(ctx, "logo", BrandService.LOGO_MAX_BYTES),
                    upload(ctx, "favicon", BrandService.FAVICON_MAX_BYTES), upload(ctx, "hero", BrandService.HERO_MAX_BYTES));
            Web.redirect(ctx, "/admin/brand?saved=1");
        } catch (InvalidInput e) {
            ctx.status(422);
            show(ctx, form, views.errors(ctx, e), false);
        }
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.replace("\r\n", "\n");
    }

    /** The uploaded file's first {@code limit + 1} bytes: enough to tell that it is too large. */
    private static BrandService.Upload upload(Context ctx, String name, int limit) {
        if (!ctx.isMultipartFormData()) {
            return BrandService.Upload.NONE;
        }
        UploadedFile file = ctx.uploadedFile(name);
        if (file == null || file.size() == 0) {
            return BrandService.Upload.NONE;
        }
        try (InputStream in = file.content()) {
            return new BrandService.Upload(file.filename() == null ? "" : file.filename(), in.readNBytes(limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void guidelines(Context ctx) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", views.t(ctx, "footer.guidelines"));
        model.put("canonical", "/guidelines");
        model.put("description", views.t(ctx, "brand.guidelines.description"));
        if (brandOf(brand, ctx).guidelinesMarkdown().equals(BrandService.DEFAULT_GUIDELINES)) {
            model.put("guidelinesHtml", brand.defaultGuidelinesHtml(views.t(ctx, "brand.guidelines.default")));
        }
        views.render(ctx, "brand/guidelines", model);
    }

    /** {@code /brand/tokens.<hash>.css} and {@code /brand/custom.<hash>.css}; a current hash is cached for a year. */
    private void stylesheet(Context ctx) {
        Matcher matcher = STYLESHEET.matcher(ctx.pathParam("file"));
        if (!matcher.matches()) {
            throw new NotFound();
        }
        Brand current = brandOf(brand, ctx);
        String css;
        String hash;
        if (matcher.group(1).equals("tokens")) {
            ThemeTokens.Stylesheet tokens = brand.tokenStylesheet(current);
            css = tokens.css();
            hash = tokens.hash();
        } else {
            if (current.customCssPath() == null) {
                throw new NotFound();
            }
            css = current.extraCss();
            hash = ThemeTokens.hash(css);
        }
        ctx.contentType("text/css; charset=utf-8");
        ctx.header("Cache-Control", hash.equals(matcher.group(2)) ? YEAR : "no-cache");
        ctx.result(css.getBytes(StandardCharsets.UTF_8));
    }

    /** An uploaded logo or favicon: its name is the hash of its bytes, so it never changes. */
    private void image(Context ctx) {
        String name = ctx.pathParam("file");
        BrandStore.StoredFile file = files.getIfPresent(name);
        if (file == null) {
            file = brand.file(name).orElseThrow(NotFound::new);
            files.put(name, file);
        }
        ctx.contentType(file.contentType());
        ctx.header("Cache-Control", YEAR);
        ctx.header("Content-Security-Policy", "default-src 'none'");
        ctx.result(file.bytes());
    }
}
