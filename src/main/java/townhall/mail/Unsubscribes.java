package townhall.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe links (RFC 8058): the address and an HMAC of it under this installation's secret, so the
 * link works without signing in and cannot be made for someone else's address.
 */
final class Unsubscribes {
    static final String PATH = "/mail/unsubscribe";

    private final Supplier<String> secret;
    private final String baseUrl;

    /** {@code secret} gives this installation's key (made once and kept in the database). */
    Unsubscribes(Supplier<String> secret, String baseUrl) {
        this.secret = secret;
        this.baseUrl = baseUrl;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String link(String address) {
        return baseUrl + PATH + "?a=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&t=" + token(address);
    }

    boolean valid(String address, String token) {
        return address != null && token != null && MessageDigest.isEqual(
                token(address).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
