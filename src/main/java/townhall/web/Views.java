package townhall.web;

import townhall.config.Config;
import townhall.config.Setting;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import townhall.i18n.Messages;
import townhall.i18n.Text;
import townhall.theme.Templates;

/** Renders a theme template with what every page needs: the site, the viewer, the CSRF token. */
public final class Views {
    private static final String EXTRA_MODEL = "townhall.extraModel";
    private static final String LOCALE = "townhall.locale";
    /** The cookie holding a visitor's choice of interface language. */
    public static final String LANGUAGE_COOKIE = "th_lang";
    /** Each language named in itself, for the language menu. */
    private static final List<Map<String, String>> LANGUAGE_MENU = Messages.LANGUAGES.stream()
            .map(code -> Map.of("code", code, "name", Messages.classpathBundle(code).getOrDefault("language.name", code)))
            .toList();

    private final Function<Context, Templates> templates;
    private final Config config;
    private final BiConsumer<Context, Map<String, Object>> decorator;
    private final KeptPages keptPages;

    /**
     * {@code templates} gives the templates of the theme a request is shown in (the active theme, which an
     * administrator may switch while the site runs); {@code decorator} adds what every page shows beyond the basics,
     * such as the brand settings; {@code keptPages} keeps what anonymous visitors see of the busiest pages.
     */
    public Views(Function<Context, Templates> templates, Config config,
                 BiConsumer<Context, Map<String, Object>> decorator, KeptPages keptPages) {
        this.templates = templates;
        this.config = config;
        this.decorator = decorator;
        this.keptPages = keptPages;
    }

    public void render(Context ctx, String template, Map<String, Object> model) {
        String html = templates.apply(ctx).render(template, withCommon(ctx, model), locale(ctx));
        ctx.html(html);
        keptPages.rendered(ctx, html);
    }

    /** Before a route: answers from the page cache when it can (and skips the route). */
    void serveKeptPage(Context ctx) {
        keptPages.before(ctx, locale(ctx));
    }

    boolean serveStaleKeptPage(Context ctx) {
        return keptPages.serveStale(ctx, locale(ctx));
    }

    /**
     * The interface language of this request: the signed-in member's own choice, else the visitor's
     * {@value #LANGUAGE_COOKIE} cookie, else the site's language ({@code TOWNHALL_SITE_LANGUAGE}), else English.
     */
    public Locale locale(Context ctx) {
        Locale known = ctx.attribute(LOCALE);
        if (known != null) {
            return known;
        }
        Viewer viewer = Web.viewer(ctx);
        String language = viewer != null ? Messages.supported(viewer.language()) : null;
        if (language == null) {
            language = Messages.supported(ctx.cookie(LANGUAGE_COOKIE));
        }
        if (language == null) {
            language = Messages.supported(config.get(Setting.LANGUAGE));
        }
        Locale locale = Locale.forLanguageTag(language == null ? Messages.FALLBACK : language);
        ctx.attribute(LOCALE, locale);
        return locale;
    }

    /** A message in this request's language: {@code t(ctx, "qa.answers", "count", 3)} (names and values in turn). */
    public String t(Context ctx, String key, Object... namedArgs) {
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i + 1 < namedArgs.length; i += 2) {
            args.put(String.valueOf(namedArgs[i]), namedArgs[i + 1]);
        }
        return messages(ctx).format(locale(ctx), key, args);
    }

    /** A {@link Text} a service composed, in this request's language. */
    public String t(Context ctx, Text text) {
        return messages(ctx).format(locale(ctx), text);
    }

    /** The field errors of a form that did not go through, field to message in this request's language. */
    public Map<String, String> errors(Context ctx, InvalidInput invalid) {
        Map<String, String> errors = new LinkedHashMap<>();
        invalid.errors().forEach((field, text) -> errors.put(field, t(ctx, text)));
        return errors;
    }

    /** The interface texts of the theme this request is shown in (shipped texts with the theme's overrides). */
    public Messages messages(Context ctx) {
        return templates.apply(ctx).messages();
    }

    private Map<String, Object> withCommon(Context ctx, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.putIfAbsent("siteName", config.get(Setting.SITE_NAME));
        String base = Web.publicBase(ctx);
        all.putIfAbsent("baseUrl", base != null ? base : config.publicBase());
        all.put("basePath", Web.prefix(ctx));
        all.put("viewer", Web.viewer(ctx));
        all.put("csrf", Csrf.token(ctx));
        all.put("currentPath", Web.sitePath(ctx));
        Locale locale = locale(ctx);
        all.put("lang", locale.toLanguageTag());
        all.put("languages", LANGUAGE_MENU);
        Map<String, Object> extra = ctx.attribute(EXTRA_MODEL);
        if (extra != null) {
            extra.forEach(all::putIfAbsent);
        }
        decorator.accept(ctx, all);
        return all;
    }

    /**
     * Adds a value to the model of whatever page this request renders, from a before-handler of another
     * feature: how related questions and ask-page suggestions reach the Q&A templates.
     */
    public static void addToModel(Context ctx, String key, Object value) {
        Map<String, Object> extra = ctx.attribute(EXTRA_MODEL);
        if (extra == null) {
            extra = new HashMap<>();
            ctx.attribute(EXTRA_MODEL, extra);
        }
        extra.put(key, value);
    }
}
