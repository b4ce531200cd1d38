package townhall.web;

/**
 * Hears how long each request took, by its route's template ({@code /q/{id}/{slug}}, never the raw path, so that a
 * million questions are one series), for the metrics. Unmatched requests (404s) are reported as {@code unmatched}.
 */
public interface RequestTimer {
    RequestTimer NONE = (method, route, status, nanos) -> { };

    void record(String method, String route, int status, long nanos);
}
