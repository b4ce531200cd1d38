package townhall.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import townhall.db.SiteSettingsStore;

/**
 * One-click unsubscribe from one kind of notification email (RFC 8058): the member, the kind and an HMAC of both
 * under this installation's key, so the link works without signing in and cannot be made for someone else.
 */
public final class UnsubscribeLinks {
    static final String PATH = "/notifications/unsubscribe";
    private static final String SECRET = "notify_unsubscribe_secret";

    private final SiteSettingsStore settings;
    private volatile String secret;

    public UnsubscribeLinks(SiteSettingsStore settings) {
        this.settings = settings;
    }

    /** The site path of the link, for a letter about {@code kind} to {@code memberId}. */
    String path(long memberId, Kind kind) {
        return path(memberId, kind.code());
    }

    /** {@code code}: a kind's, or {@value #DIGEST} for every kind the member gets in a digest. */
    String path(long memberId, String code) {
        return PATH + "?m=" + memberId + "&k=" + code + "&t=" + token(memberId, code);
    }

    static final String DIGEST = "digest";

    boolean valid(long memberId, String code, String token) {
        return token != null && MessageDigest.isEqual(token(memberId, code).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(long memberId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((memberId + "/" + code).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String secret() {
        String known = secret;
        if (known == null) {
            known = settings.get(SECRET).orElseGet(() -> {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                settings.insertIfAbsent(SECRET, HexFormat.of().formatHex(bytes));
                return settings.get(SECRET).orElseThrow();
            });
            secret = known;
        }
        return known;
    }
}
