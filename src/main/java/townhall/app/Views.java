package townhall.app;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import townhall.theme.Templates;

/** Renders a theme template with what every page needs: the site, the viewer, the CSRF token. */
public final class Views {
    private static final String EXTRA_MODEL = "townhall.extraModel";

    private final Templates templates;
    private final Config config;

    public Views(Templates templates, Config config) {
        this.templates = templates;
        this.config = config;
    }

    public void render(Context ctx, String template, Map<String, Object> model) {
        ctx.html(templates.render(template, withCommon(ctx, model)));
    }

    private Map<String, Object> withCommon(Context ctx, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.putIfAbsent("siteName", config.get(Setting.SITE_NAME));
        all.putIfAbsent("baseUrl", config.get(Setting.BASE_URL));
        all.put("viewer", Web.viewer(ctx));
        all.put("csrf", Csrf.token(ctx));
        all.put("currentPath", ctx.path());
        Map<String, Object> extra = ctx.attribute(EXTRA_MODEL);
        if (extra != null) {
            extra.forEach(all::putIfAbsent);
        }
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
