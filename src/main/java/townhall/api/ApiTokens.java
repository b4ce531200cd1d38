package townhall.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import townhall.account.AccountStore;
import townhall.account.AttemptLimiter;
import townhall.account.Member;
import townhall.account.SecretTokens;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotFound;
import townhall.web.Texts;
import townhall.web.Web;

/**
 * API tokens: a member's own rights, narrowed by scopes; the secret is shown once and kept as its SHA-256, a token
 * can be revoked, and each is held to a rate limit. A request that carries one is the member's, under {@code /api/}
 * only, and needs no CSRF token (it has no cookie a foreign page could send).
 */
public final class ApiTokens {
    static final String PREFIX = "th_";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database database;
    private final ApiTokenStore store;
    private final AccountStore accounts;
    private final AttemptLimiter limiter;
    private final Clock clock;

    public ApiTokens(Database database, AccountStore accounts, int requestsPerMinute, Clock clock) {
        this.database = database;
        this.store = new ApiTokenStore(database.dsl());
        this.accounts = accounts;
        this.limiter = new AttemptLimiter(requestsPerMinute, requestsPerMinute, Duration.ofMinutes(1));
        this.clock = clock;
    }

    /** What a token allows, held by the request it authenticated. */
    public record Grant(long tokenId, Set<ApiScope> scopes) {
        public boolean allows(ApiScope scope) {
            return scopes.contains(scope);
        }
    }

    public record TokenInfo(long id, String name, List<String> scopes, LocalDateTime createdAt, LocalDateTime lastUsedAt,
                            LocalDateTime revokedAt) {
        public boolean revoked() { return revokedAt != null; }
    }

    /** A new token; the secret in {@code token} is never shown again. */
    public record Issued(long id, String token) {}

    public Issued create(Member owner, String name, Collection<String> scopeKeys) {
        String cleanName = Texts.line(name);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (cleanName.isEmpty() || cleanName.length() > 80) {
            errors.add("name", "api.tokens.error.name");
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String key : scopeKeys) {
            ApiScope scope = ApiScope.parse(key);
            if (scope == null || !scope.grantableTo(owner)) {
                errors.add("scopes", "api.tokens.error.scope");
            } else {
                scopes.add(scope);
            }
        }
        if (scopes.isEmpty() && !errors.has("scopes")) {
            errors.add("scopes", "api.tokens.error.noScope");
        }
        errors.throwIfAny();
        String token = SecretTokens.newToken(PREFIX);
        long id = database.inTransaction(() -> store.insert(owner.id(), cleanName, keys(scopes),
                SecretTokens.hash(token), LocalDateTime.now(clock)));
        return new Issued(id, token);
    }

    public List<TokenInfo> of(Member owner) {
        return store.ofMember(owner.id()).stream()
                .map(row -> new TokenInfo(row.id(), row.name(), List.of(row.scopes().split(" ")), row.createdAt(),
                        row.lastUsedAt(), row.revokedAt()))
                .toList();
    }

    /** Revokes one of the member's own tokens; another's is not found. */
    public void revoke(Member owner, long id) {
        if (!database.inTransaction(() -> store.revoke(owner.id(), id, LocalDateTime.now(clock)))) {
            throw new NotFound();
        }
    }

    /**
     * The member of a request under {@code /api/} that carries {@code Authorization: Bearer}: null when it carries
     * none (the session cookie decides then); a wrong, revoked or throttled token is refused outright.
     */
    public Member viewerOf(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !Web.sitePath(ctx).startsWith("/api/")) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedResponse("Use Authorization: Bearer <token>");
        }
        String token = authorization.substring(7).strip();
        ApiTokenStore.Row row = (token.startsWith(PREFIX) && token.length() < 100
                ? store.live(SecretTokens.hash(token)) : Optional.<ApiTokenStore.Row>empty())
                .orElseThrow(() -> new UnauthorizedResponse("This API token is not valid or has been revoked"));
        Duration wait = limiter.tryAccount("token:" + row.id());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new HttpResponseException(429, "Too many requests with this token; wait " + wait.toSeconds() + " s");
        }
        Member member = accounts.findById(row.memberId())
                .orElseThrow(() -> new UnauthorizedResponse("This API token's member no longer exists"));
        LocalDateTime now = LocalDateTime.now(clock);
        if (accounts.suspension(member.id(), now).isPresent()) { // a suspended member cannot sign in, by token neither
            throw new UnauthorizedResponse("This API token's member is suspended");
        }
        if (row.lastUsedAt() == null || row.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
            store.used(row.id(), now);
        }
        Set<ApiScope> scopes = Arrays.stream(row.scopes().split(" ")).map(ApiScope::parse)
                .filter(scope -> scope != null && scope.grantableTo(member))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
        Web.byToken(ctx, new Grant(row.id(), scopes));
        return member;
    }

    private static String keys(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::key).collect(Collectors.joining(" "));
    }
}
