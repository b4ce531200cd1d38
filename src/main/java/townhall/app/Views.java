package townhall.app;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import townhall.theme.Templates;

/** Renders a theme template with what every page needs: the site, the viewer, the CSRF token. */
public final class Views {
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
        String base = Web.publicBase(ctx);
        all.putIfAbsent("baseUrl", base != null ? base : config.publicBase());
        all.put("basePath", Web.prefix(ctx));
        all.put("viewer", Web.viewer(ctx));
        all.put("csrf", Csrf.token(ctx));
        all.put("currentPath", Web.sitePath(ctx));
        return all;
    }
}
