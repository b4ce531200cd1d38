package townhall.theme;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Serves the active theme's static files; fingerprinted names are cached for a year. A fingerprint of another theme
 * (a page shown just before an administrator switched themes) is served from that theme.
 */
public final class StaticRoutes {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Themes themes;
    private final Function<Context, LoadedTheme> active;
    private final boolean reloading;
    private final Map<Path, byte[]> contents = new ConcurrentHashMap<>();

    /** {@code active} gives the theme a request is shown in. */
    public StaticRoutes(Themes themes, Function<Context, LoadedTheme> active, boolean reloading) {
        this.themes = themes;
        this.active = active;
        this.reloading = reloading;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/static/<path>", this::serve);
    }

    private void serve(Context ctx) {
        Assets.Resolved resolved = themes.resolveStatic(active.apply(ctx), ctx.pathParam("path"))
                .orElseThrow(NotFoundResponse::new);
        Path file = resolved.file();
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ctx.contentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        ctx.header("Cache-Control", resolved.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        ctx.result(reloading ? read(file) : contents.computeIfAbsent(file, StaticRoutes::read));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
