package townhall.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.account.Member;
import townhall.qa.CategoryAccess;
import townhall.web.Csrf;
import townhall.web.InvalidInput;
import townhall.web.Views;
import townhall.web.Web;

/**
 * The search page, suggestions while asking, and the staff pages for
 * synonyms and search insights. Searches, suggestions shown, results opened, questions posted and ask pages
 * left are recorded through {@link SearchEvents}.
 */
public final class SearchRoutes {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern REF = Pattern.compile("([qfia])(\\d{1,18})");
    private static final Pattern POSTED = Pattern.compile("^/q/(\\d+)(?:/.*)?$");
    private static final int SUGGESTED_QUESTIONS = 5;

    private final Search search;
    private final SearchInsights insights;
    private final Synonyms synonyms;
    private final Views pages;
    private final int pageSize;
    private final SecureRandom random = new SecureRandom();
    /** The suggestions last shown in each ask session: to record a change once, not every keystroke. */
    private final Cache<String, String> lastShown = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(3)).maximumSize(200_000).build();

    private final CategoryAccess access;

    public SearchRoutes(Search search, SearchInsights insights, Synonyms synonyms, Views pages, int pageSize,
                        CategoryAccess access) {
        this.access = access;
        this.search = search;
        this.insights = insights;
        this.synonyms = synonyms;
        this.pages = pages;
        this.pageSize = pageSize;
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/search", this::searchPage);
        routes.get("/search/go", this::openFromSearch);
        routes.get("/search/instant", this::instant);
        routes.get("/search/instant/go", this::openFromInstant);
        routes.get("/search/synonyms", ctx -> showSynonyms(ctx, null, Map.of(), false));
        routes.post("/search/synonyms", this::saveSynonyms);
        routes.get("/search/insights", this::insightsPage);
        routes.post("/ask/suggestions", this::suggestions);
        routes.post("/ideas/similar", ctx -> {
            Web.requireViewer(ctx);
            pages.render(ctx, "ideas/_similar", Map.of("similar", search.service().similarIdeas(param(ctx, "title"), 5, access.of(ctx))));
        });
        routes.get("/ask/go", this::openFromAsk);
        routes.post("/ask/left", this::left);
        routes.before("/ask", this::beforeAsk);
        routes.after("/ask", this::afterAsk);
    }

    // ---- the search page

    private void searchPage(Context ctx) {
        Member viewer = Web.viewer(ctx);
        String q = param(ctx, "q");
        SearchService.Scope scope = switch (param(ctx, "type")) {
            case "faq" -> SearchService.Scope.FAQ;
            case "questions" -> SearchService.Scope.QUESTIONS;
            default -> SearchService.Scope.ALL;
        };
        String tag = param(ctx, "tag").toLowerCase(Locale.ROOT);
        boolean answered = "1".equals(param(ctx, "answered"));
        boolean verified = "1".equals(param(ctx, "verified"));
        int page = Web.pageNumber(param(ctx, "page"));
        SearchService.Results results = search.service().search(
                new SearchService.Request(q, scope, tag, answered, verified, page, pageSize, access.of(ctx)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        if (scope != SearchService.Scope.ALL) {
            params.put("type", scope.name().toLowerCase(Locale.ROOT));
        }
        if (!tag.isEmpty()) {
            params.put("tag", tag);
        }
        if (answered) {
            params.put("answered", "1");
        }
        if (verified) {
            params.put("verified", "1");
        }
        String token = null;
        if (!q.isBlank()) {
            token = newToken();
            List<String> shown = results.hits().stream().map(SearchHit::ref).toList();
            search.events().searched(new SearchEvents.Search(token, browser(ctx), viewer == null ? null : viewer.id(),
                    q, filters(params), results.page(), results.total(), String.join(" ", shown),
                    results.didYouMean(), results.tookMicros()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", q.isBlank() ? pages.t(ctx, "nav.search") : pages.t(ctx, "search.title.query", "q", q));
        model.put("q", q);
        model.put("type", scope.name().toLowerCase(Locale.ROOT));
        model.put("tag", tag);
        model.put("answered", answered);
        model.put("verified", verified);
        model.put("results", results);
        model.put("searchDegraded", search.service().degraded());
        model.put("searchToken", token);
        int firstPosition = results.page() == 1 ? 1 : (results.page() - 1) * pageSize + 1;
        model.put("firstPosition", firstPosition);
        model.put("prevUrl", results.page() > 1 ? link("/search", params, results.page() - 1) : null);
        model.put("nextUrl", results.hasNext() ? link("/search", params, results.page() + 1) : null);
        if (results.didYouMean() != null) {
            Map<String, String> corrected = new LinkedHashMap<>(params);
            corrected.put("q", results.didYouMean());
            model.put("didYouMeanUrl", link("/search", corrected, 1));
        }
        model.put("askUrl", "/ask?title=" + enc(q));
        model.put("description", pages.t(ctx, "search.description"));
        pages.render(ctx, "search/search", model);
    }

    /** A result opened from the search page: recorded, then on to it. */
    private void openFromSearch(Context ctx) {
        String target = ref(param(ctx, "to"));
        String token = param(ctx, "s");
        if (target == null) {
            Web.redirect(ctx, "/search", HttpStatus.SEE_OTHER);
            return;
        }
        if (TOKEN.matcher(token).matches()) {
            search.events().opened(token, target, parsePosition(param(ctx, "n")));
        }
        Web.redirect(ctx, pathOf(target), HttpStatus.SEE_OTHER);
    }

    // ---- answers while typing in the home page's "How can we help?" box

    /** The answers that match what is typed so far: a fragment the page's script shows under the box. */
    private void instant(Context ctx) {
        String q = param(ctx, "q").strip();
        SearchService.Suggestions suggestions = q.length() < 3 ? null
                : search.service().suggest(q.length() > 200 ? q.substring(0, 200) : q, null, SUGGESTED_QUESTIONS, access.of(ctx));
        ctx.header("Cache-Control", "no-store");
        pages.render(ctx, "search/_instant", Map.of("suggestions", suggestions == null ? EMPTY : suggestions,
                "typed", suggestions != null, "q", q));
    }

    /**
     * An answer opened from the home page's box: recorded as a search whose result was opened (the box's searches
     * that open nothing are not recorded: they are half-typed words), then on to it.
     */
    private void openFromInstant(Context ctx) {
        Member viewer = Web.viewer(ctx);
        String target = ref(param(ctx, "to"));
        String q = param(ctx, "q").strip();
        if (target == null || q.isEmpty()) {
            Web.redirect(ctx, "/search", HttpStatus.SEE_OTHER);
            return;
        }
        String token = newToken();
        int position = parsePosition(param(ctx, "n"));
        search.events().searched(new SearchEvents.Search(token, browser(ctx), viewer == null ? null : viewer.id(),
                q.length() > 200 ? q.substring(0, 200) : q, "from=home", 1, Math.max(position, parsePosition(param(ctx, "c"))),
                target, null, 0));
        search.events().opened(token, target, position);
        Web.redirect(ctx, pathOf(target), HttpStatus.SEE_OTHER);
    }

    private static final SearchService.Suggestions EMPTY = new SearchService.Suggestions(List.of(), List.of());

    // ---- while asking

    /** Gives each visit of the ask page a session; with "Check for similar questions" (no script), suggestions. */
    private void beforeAsk(Context ctx) {
        Member viewer = Web.viewer(ctx);
        if (viewer == null) {
            return;
        }
        if (ctx.method() == HandlerType.GET) {
            Views.addToModel(ctx, "askSession", newToken());
            String title = param(ctx, "title");
            if (!title.isBlank()) {
                Views.addToModel(ctx, "prefillTitle", title.length() > 200 ? title.substring(0, 200) : title);
            }
        } else if (ctx.method() == HandlerType.POST) {
            String session = askSession(ctx);
            Views.addToModel(ctx, "askSession", session);
            if (ctx.formParam("preview") != null) {
                SearchService.Suggestions suggestions = search.service().suggest(param(ctx, "title"),
                        ctx.formParam("body"), SUGGESTED_QUESTIONS, access.of(ctx));
                Views.addToModel(ctx, "suggestions", suggestions);
                recordShown(ctx, viewer, session, suggestions);
            }
        }
    }

    /** After a question is posted from the ask page: the "posted anyway" moment. */
    private void afterAsk(Context ctx) {
        Member viewer = Web.viewer(ctx);
        if (viewer == null || ctx.method() != HandlerType.POST || ctx.statusCode() != 303) {
            return;
        }
        String location = ctx.res().getHeader("Location");
        Matcher posted = location == null ? null : POSTED.matcher(location);
        if (posted == null || !posted.matches()) {
            return;
        }
        String session = askSession(ctx);
        search.events().ask(new SearchEvents.Ask(session, browser(ctx), viewer.id(), "posted", param(ctx, "title"),
                shownIn(session), null, Long.parseLong(posted.group(1))));
    }

    /** The suggestions for what is typed so far, as a fragment of the ask page (the script asks for it). */
    private void suggestions(Context ctx) {
        Member viewer = Web.requireViewer(ctx);
        String session = askSession(ctx);
        SearchService.Suggestions suggestions = search.service().suggest(param(ctx, "title"), ctx.formParam("body"),
                SUGGESTED_QUESTIONS, access.of(ctx));
        recordShown(ctx, viewer, session, suggestions);
        pages.render(ctx, "search/_suggestions", Map.of("suggestions", suggestions, "askSession", session));
    }

    private void openFromAsk(Context ctx) {
        Member viewer = Web.viewer(ctx);
        String target = ref(param(ctx, "to"));
        String session = param(ctx, "s");
        if (target == null) {
            Web.redirect(ctx, "/ask", HttpStatus.SEE_OTHER);
            return;
        }
        if (TOKEN.matcher(session).matches()) {
            search.events().ask(new SearchEvents.Ask(session, browser(ctx), viewer == null ? null : viewer.id(),
                    "opened", "", shownIn(session), target, null));
        }
        Web.redirect(ctx, pathOf(target), HttpStatus.SEE_OTHER);
    }

    /** The ask page was left without posting (the script tells, as the page goes away). */
    private void left(Context ctx) {
        Member viewer = Web.viewer(ctx);
        String session = param(ctx, "ask_session");
        if (viewer != null && TOKEN.matcher(session).matches()) {
            search.events().ask(new SearchEvents.Ask(session, browser(ctx), viewer.id(), "left", param(ctx, "title"),
                    shownIn(session), null, null));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void recordShown(Context ctx, Member viewer, String session, SearchService.Suggestions suggestions) {
        String refs = suggestions.refs();
        String before = lastShown.getIfPresent(session);
        if (refs.isEmpty() || refs.equals(before)) {
            return;
        }
        lastShown.put(session, refs);
        search.events().ask(new SearchEvents.Ask(session, browser(ctx), viewer.id(), "shown", param(ctx, "title"),
                refs, null, null));
    }

    private String shownIn(String session) {
        String shown = lastShown.getIfPresent(session);
        return shown == null ? "" : shown;
    }

    private String askSession(Context ctx) {
        String given = ctx.formParam("ask_session");
        return given != null && TOKEN.matcher(given).matches() ? given : newToken();
    }

    // ---- staff

    private void showSynonyms(Context ctx, String text, Map<String, String> errors, boolean saved) {
        Web.requireStaff(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "search.synonyms.title"));
        model.put("text", text != null ? text : synonyms.text());
        model.put("errors", errors);
        model.put("saved", saved);
        pages.render(ctx, "search/synonyms", model);
    }

    private void saveSynonyms(Context ctx) {
        Member staff = Web.requireStaff(ctx);
        String text = ctx.formParam("synonyms") == null ? "" : ctx.formParam("synonyms");
        try {
            search.saveSynonyms(staff, text);
            showSynonyms(ctx, null, Map.of(), true);
        } catch (InvalidInput e) {
            ctx.status(422);
            showSynonyms(ctx, text, pages.errors(ctx, e), false);
        }
    }

    private void insightsPage(Context ctx) {
        Web.requireStaff(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", pages.t(ctx, "search.insights.title"));
        model.put("days", SearchInsights.DAYS);
        model.put("zeroResults", insights.zeroResultQueries(50));
        model.put("topQueries", insights.topQueries(30));
        model.put("deflection", insights.deflection());
        model.put("indexed", search.service().documentCount());
        model.put("rebuilding", search.service().indexRebuilding());
        pages.render(ctx, "search/insights", model);
    }

    // ---- helpers

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short, one-way name for the browser (from its cookie token): groups one visitor's events. */
    static String browser(Context ctx) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Csrf.token(ctx).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "q12" or "f3" when the value is one. */
    private static String ref(String value) {
        return REF.matcher(value).matches() ? value : null;
    }

    private static String pathOf(String ref) {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) {
            throw new IllegalArgumentException(ref);
        }
        return switch (m.group(1)) {
            case "f" -> "/faq/";
            case "i" -> "/idea/";
            case "a" -> "/announcement/";
            default -> "/q/";
        } + m.group(2);
    }

    private static String param(Context ctx, String name) {
        String value = ctx.method() == HandlerType.GET ? ctx.queryParam(name) : ctx.formParam(name);
        return value == null ? "" : value.strip();
    }


    private static int parsePosition(String value) {
        try {
            return Math.max(0, Math.min(10_000, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String filters(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> {
            if (!k.equals("q")) {
                parts.add(k + "=" + v);
            }
        });
        return String.join("&", parts);
    }

    private static String link(String base, Map<String, String> params, int page) {
        StringBuilder url = new StringBuilder(base);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=').append(enc(param.getValue()));
            separator = '&';
        }
        if (page > 1) {
            url.append(separator).append("page=").append(page);
        }
        return url.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
