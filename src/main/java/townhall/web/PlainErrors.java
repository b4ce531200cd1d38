package townhall.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, before any route runs (a malformed address, a 100 KB URL, a 64 KB header): a short page
 * with the site's security headers that never repeats the request (Jetty's page echoes the address).
 */
final class PlainErrors extends ErrorHandler {
    private final Map<String, String> headers;

    PlainErrors(Map<String, String> headers) {
        this.headers = headers;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        addHeaders(response.getHeaders());
        response.write(true, page(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        addHeaders(fields);
        return page(status);
    }

    private void addHeaders(HttpFields.Mutable fields) {
        headers.forEach(fields::put);
        fields.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static ByteBuffer page(int status) {
        String title = status + " " + HttpStatus.getMessage(status);
        return ByteBuffer.wrap(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>The request could not be read. <a href=\"/\">Home</a>"
                + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8));
    }
}
