package townhall.app;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import townhall.theme.Templates;

/** Renders a theme template with what every page needs: the site, the viewer, the CSRF token. */
public final class Views {
    private static final String EXTRA_MODEL = "townhall.extraModel";

    private final Templates templates;
    private final Config config;
    private final BiConsumer<Context, Map<String, Object>> decorator;

    public Views(Templates templates, Config config) {
        this(templates, config, (ctx, model) -> { });
    }

    /** {@code decorator} adds what every page shows beyond the basics, such as the brand settings. */
    public Views(Templates templates, Config config, BiConsumer<Context, Map<String, Object>> decorator) {
        this.templates = templates;
        this.config = config;
        this.decorator = decorator;
    }

    public void render(Context ctx, String template, Map<String, Object> model) {
        ctx.html(templates.render(template, withCommon(ctx, model)));
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
