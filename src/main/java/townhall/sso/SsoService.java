package townhall.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountService;
import townhall.account.ExternalSignIn;
import townhall.account.Member;
import townhall.account.SecretTokens;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.Web;

/**
 * Single sign-on with the brand's OpenID Connect provider: the authorization code flow with PKCE (S256), a state
 * bound to the browser by a cookie and used once, a nonce checked in the ID token, whose signature, issuer,
 * audience and expiry are checked against the provider's published keys. The first sign-in creates the member from
 * the verified claims (or links the member whose confirmed address the provider verified); later sign-ins find
 * the member by the provider's subject alone, never by an address.
 */
public final class SsoService implements ExternalSignIn {
    private static final Logger log = LoggerFactory.getLogger(SsoService.class);
    private static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
    private static final Set<String> LANGUAGES = Set.of("en", "ru", "cs");

    private final SsoSettings settings;
    private final Database database;
    private final SsoStore store;
    private final AccountService accounts;
    private final Clock clock;
    private volatile OIDCProviderMetadata provider;

    public SsoService(townhall.config.Config config, Database database, AccountService accounts, Clock clock) {
        this.settings = SsoSettings.from(config);
        this.database = database;
        this.store = new SsoStore(database.dsl());
        this.accounts = accounts;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public String providerName() {
        return settings.enabled() ? settings.name() : null;
    }

    @Override
    public boolean only() {
        return settings.enabled() && settings.only();
    }

    @Override
    public String afterSignOut(Context ctx) {
        if (!settings.enabled() || !settings.providerSignOut()) {
            return "/";
        }
        try {
            URI endSession = provider().getEndSessionEndpointURI();
            if (endSession == null) {
                return "/";
            }
            String home = Web.publicBase(ctx) + "/";
            return endSession + (endSession.getQuery() == null ? "?" : "&") + "client_id="
                    + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + "&post_logout_redirect_uri="
                    + URLEncoder.encode(home, StandardCharsets.UTF_8);
        } catch (SsoFailure unreachable) {
            return "/";
        }
    }

    /** Where the browser goes to sign in at the provider, and the state its cookie must carry back. */
    public record Start(URI providerAddress, String state) {}

    public Start start(String redirectUri, String nextPath) {
        OIDCProviderMetadata metadata = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            store.deleteExpiredAttempts(now);
            store.insertAttempt(SecretTokens.hash(state.getValue()), new SsoStore.Attempt(nonce.getValue(),
                    verifier.getValue(), redirectUri, nextPath, now.plus(ATTEMPT_LIFETIME)));
        });
        URI address = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile", "email"), new ClientID(settings.clientId()), URI.create(redirectUri))
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new Start(address, state.getValue());
    }

    /** A finished sign-in: the member, a new session, and the path to go back to. */
    public record SignedIn(Member member, String sessionToken, String nextPath) {}

    /**
     * The provider sent the browser back to {@code callback} (with its query); {@code stateCookie} is the state this
     * browser started with. Throws {@link SsoFailure} with a message for the member when anything does not hold.
     */
    public SignedIn finish(URI callback, String stateCookie) {
        AuthenticationSuccessResponse success = successOf(callback);
        String state = success.getState() == null ? "" : success.getState().getValue();
        if (stateCookie == null || !java.security.MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                stateCookie.getBytes(StandardCharsets.UTF_8))) {
            throw new SsoFailure("sso.error.state", "the state does not match this browser's");
        }
        SsoStore.Attempt attempt = database.inTransaction(() -> store.takeAttempt(SecretTokens.hash(state)))
                .filter(found -> found.expiresAt().isAfter(LocalDateTime.now(clock)))
                .orElseThrow(() -> new SsoFailure("sso.error.state", "unknown, used or expired state"));
        IDTokenClaimsSet claims = exchange(success.getAuthorizationCode(), attempt);
        Member member = memberFor(claims);
        return new SignedIn(member, accounts.openSession(member.id()), attempt.nextPath());
    }

    private static AuthenticationSuccessResponse successOf(URI callback) {
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
            if (!response.indicatesSuccess()) {
                throw new SsoFailure("sso.error.refused", response.toErrorResponse().getErrorObject().toString());
            }
            return response.toSuccessResponse();
        } catch (ParseException e) {
            throw new SsoFailure("sso.error.refused", "unreadable answer: " + e.getMessage());
        }
    }

    /** Trades the code (with the PKCE verifier) for tokens, and checks the ID token. */
    private IDTokenClaimsSet exchange(AuthorizationCode code, SsoStore.Attempt attempt) {
        OIDCProviderMetadata metadata = provider();
        ClientID clientId = new ClientID(settings.clientId());
        try {
            TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                    new ClientSecretBasic(clientId, new Secret(settings.clientSecret())),
                    new AuthorizationCodeGrant(code, URI.create(attempt.redirectUri()),
                            new CodeVerifier(attempt.codeVerifier())));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new SsoFailure("sso.error.refused",
                        "token endpoint: " + response.toErrorResponse().getErrorObject());
            }
            var idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), clientId, algorithmOf(metadata),
                    metadata.getJWKSetURI().toURL());
            return validator.validate(idToken, new Nonce(attempt.nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw new SsoFailure("sso.error.token", "ID token refused: " + e.getMessage());
        } catch (ParseException | IOException e) {
            throw new SsoFailure("sso.error.unreachable", "token exchange failed: " + e.getMessage());
        }
    }

    private static JWSAlgorithm algorithmOf(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
        return offered == null || offered.isEmpty() || offered.contains(JWSAlgorithm.RS256) ? JWSAlgorithm.RS256
                : offered.getFirst();
    }

    /** The member of this identity: known by (issuer, subject), else linked by a verified address, else new. */
    private Member memberFor(IDTokenClaimsSet claims) {
        String issuer = claims.getIssuer().getValue();
        String subject = claims.getSubject().getValue();
        String email = claims.getStringClaim("email");
        boolean verified = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
        LocalDateTime now = LocalDateTime.now(clock);
        Member member = database.inTransaction(() -> {
            Optional<Member> known = store.memberOf(issuer, subject).flatMap(accounts::findMember);
            if (known.isPresent()) {
                store.seen(issuer, subject, now);
                return known.get();
            }
            if (email == null || email.isBlank()) {
                throw new SsoFailure("sso.error.noEmail", "the provider shared no email address");
            }
            Optional<Member> sameAddress = verified ? accounts.findConfirmedByEmail(email) : Optional.empty();
            Member joined;
            try {
                joined = sameAddress.orElseGet(() -> accounts.joinFromProvider(
                        claims.getStringClaim("preferred_username"), email, verified, languageOf(claims)));
            } catch (InvalidInput taken) {
                throw new SsoFailure("sso.error.emailTaken", "an unlinked account has the address " + email);
            }
            store.link(issuer, subject, joined.id(), now);
            log.info("Single sign-on: {} ({} at {}) {}", joined.username(), subject, issuer,
                    sameAddress.isPresent() ? "linked by a verified address" : "joined");
            return joined;
        });
        if (!settings.staffGroup().isEmpty()) {
            List<String> groups = groupsOf(claims);
            accounts.setStaffFromProvider(member, groups.contains(settings.staffGroup()));
            member = accounts.findMember(member.id()).orElseThrow();
        }
        return member;
    }

    private List<String> groupsOf(IDTokenClaimsSet claims) {
        try {
            List<String> groups = claims.getStringListClaim(settings.groupsClaim());
            return groups == null ? List.of() : groups;
        } catch (RuntimeException notAList) {
            String single = claims.getStringClaim(settings.groupsClaim());
            return single == null ? List.of() : List.of(single);
        }
    }

    private static String languageOf(IDTokenClaimsSet claims) {
        String locale = claims.getStringClaim("locale");
        if (locale == null) {
            return null;
        }
        String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : null;
    }

    /** The provider's discovery document, read at first use and kept; read again after a failure. */
    private OIDCProviderMetadata provider() {
        OIDCProviderMetadata known = provider;
        if (known != null) {
            return known;
        }
        try {
            known = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()));
            provider = known;
            return known;
        } catch (GeneralException | IOException e) {
            throw new SsoFailure("sso.error.unreachable", "discovery of " + settings.issuer() + " failed: " + e);
        }
    }

    /** A sign-in that did not work: {@link #reason()} is the message key for the member, the detail for the log. */
    public static final class SsoFailure extends RuntimeException {
        private final String reason;

        SsoFailure(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
