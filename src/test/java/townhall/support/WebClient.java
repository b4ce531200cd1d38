package townhall.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A browser-like HTTP client: keeps cookies, sends the CSRF token with forms, never follows redirects. */
public final class WebClient {
    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    /** A browser for the Townhall at {@code base} (its address, with the base path if any). */
    public WebClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A page at its canonical address: follows the 301 that a short or outdated address gets, such as /q/12. */
    public Document page(String path) {
        Response response = get(path);
        if (response.status() == 301) {
            response = visit(response.location());
        }
        if (response.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.status());
        }
        return response.html();
    }

    /** Follows an address as found in a page or a Location header ("/community/q/1", "https://…"), as a browser would. */
    public Response visit(String address) {
        return send(HttpRequest.newBuilder(URI.create(base + "/").resolve(address)).GET().build());
    }

    /** Sends a GET with extra request headers, such as a reverse proxy adds. */
    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Posts a form with the CSRF token and extra request headers. */
    public Response post(String path, Map<String, String> fields, Map<String, String> headers) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken());
        String body = withToken.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A file for {@link #postMultipart}. */
    public record FilePart(String filename, String contentType, byte[] bytes) {}

    /**
     * Posts a multipart form as a page with {@code enctype="multipart/form-data"} does: text fields, files, and
     * the CSRF token as a field of the body (unless {@code withToken} is false).
     */
    public Response postMultipart(String path, Map<String, String> fields, Map<String, FilePart> files, boolean withToken) {
        String boundary = "----townhall" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>();
        if (withToken) {
            all.put("_csrf", csrfToken());
        }
        all.putAll(fields);
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((name, file) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** Fetches raw bytes, for images. */
    public HttpResponse<byte[]> getBytes(String address) {
        return getBytes(address, Map.of());
    }

    /** Opens a response as a stream, such as a live event stream, and returns once its headers arrived. */
    public HttpResponse<java.io.InputStream> open(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fetches raw bytes with extra request headers, such as {@code Accept-Encoding}; nothing is decoded. */
    public HttpResponse<byte[]> getBytes(String address, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/").resolve(address)).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form as a page of this site would, with the CSRF token from the cookie (fetching a page first if needed). */
    public Response post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken());
        return postRaw(path, withToken);
    }

    /** Posts a form whose fields may repeat (checkboxes of one name), with the CSRF token. */
    public Response postPairs(String path, java.util.List<Map.Entry<String, String>> fields) {
        String body = java.util.stream.Stream.concat(fields.stream(), java.util.stream.Stream.of(Map.entry("_csrf", csrfToken())))
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts exactly the given fields: no CSRF token is added. */
    public Response postRaw(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Posts a form the way the page's script does: token in a header, JSON asked for. */
    public Response postJson(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("X-CSRF-Token", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public String csrfToken() {
        String token = cookie("th_csrf");
        if (token == null) {
            get("/");
            token = cookie("th_csrf");
        }
        return token;
    }

    /** Takes over another client's cookies, as one browser that talks to a restarted server. */
    public void adoptCookies(WebClient other) {
        other.cookies.getCookieStore().getCookies()
                .forEach(cookie -> cookies.getCookieStore().add(URI.create(base), cookie));
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    /** Registers and stays signed in, as after the register form. */
    public Response register(String username, String password) {
        return post("/register", Map.of("username", username, "email", username + "@example.com", "password", password));
    }

    public Response signIn(String login, String password) {
        return post("/signin", Map.of("login", login, "password", password));
    }

    private Response send(HttpRequest request) {
        try {
            return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public record Response(HttpResponse<String> raw) {
        public int status() { return raw.statusCode(); }

        public String body() { return raw.body(); }

        public String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        public Document html() { return Jsoup.parse(raw.body()); }

        public String location() { return header("Location"); }
    }
}
