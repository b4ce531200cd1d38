package townhall.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import townhall.web.Views;
import townhall.web.Web;

/** The API's OpenAPI 3.1 document at {@code /api/openapi.json}, and the same read as a page at {@code /api}. */
public final class OpenApiRoutes {
    public static final String DOCUMENT = "/api/openapi.json";

    private final Map<String, Object> document;
    private final Views views;

    public OpenApiRoutes(Views views) {
        this.views = views;
        this.document = load();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/api/openapi.json")) {
            return new ObjectMapper().readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get(DOCUMENT, this::json);
        routes.get("/api", this::page);
    }

    /** The document, its server being this site's public address (with its path prefix, if any). */
    private void json(Context ctx) {
        Map<String, Object> served = new LinkedHashMap<>(document);
        served.put("servers", List.of(Map.of("url", Web.publicBase(ctx))));
        ctx.header("Access-Control-Allow-Origin", "*").json(served);
    }

    public record Operation(String method, String path, String summary, String auth, List<String> parameters) {}

    @SuppressWarnings("unchecked")
    private void page(Context ctx) {
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, methods) -> methods.forEach(
                (method, raw) -> {
                    Map<String, Object> operation = (Map<String, Object>) raw;
                    List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault(
                            "parameters", List.of());
                    List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                    String auth = security.stream().anyMatch(Map::isEmpty) ? "api.docs.auth.optional"
                            : security.stream().map(s -> String.valueOf(s.get("token"))).anyMatch(s -> s.contains("moderate"))
                            ? "api.docs.auth.moderate" : "api.docs.auth.required";
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path,
                            String.valueOf(operation.get("summary")), auth,
                            parameters.stream().map(p -> p.get("name") + " (" + p.get("in") + ")").toList()));
                }));
        Map<String, Object> info = (Map<String, Object>) document.get("info");
        views.render(ctx, "api/index", Map.of("title", views.t(ctx, "api.docs.title"),
                "description", String.valueOf(info.get("description")), "operations", operations,
                "document", DOCUMENT));
    }
}
