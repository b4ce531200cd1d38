package townhall.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Locale;

/**
 * Token buckets per account and per client address; an attempt (a sign-in, a password reset, an API call) needs a
 * token from the buckets it is counted in. Each bucket refills over the window (15 minutes unless given).
 */
public final class AttemptLimiter {
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    public AttemptLimiter(int perAccount, int perAddress) {
        this(perAccount, perAddress, Duration.ofMinutes(15));
    }

    public AttemptLimiter(int perAccount, int perAddress, Duration window) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        this.accounts = buckets(window);
        this.addresses = buckets(window);
    }

    private static Cache<String, Bucket> buckets(Duration window) {
        return Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(200_000).build();
    }

    /** Takes one attempt from the client address's bucket; returns how long to wait if refused, or {@link Duration#ZERO}. */
    public Duration tryAddress(String address) {
        return take(addresses.get(address, key -> bucket(perAddress)));
    }

    /**
     * Takes one attempt from the account's bucket. The key must name the account whatever spelling reached it
     * ({@code "member:" + id} once the login is resolved), or a variant of a login gets a fresh bucket.
     */
    public Duration tryAccount(String account) {
        return take(accounts.get(account.trim().toLowerCase(Locale.ROOT), key -> bucket(perAccount)));
    }

    private static Duration take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(int attempts) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build();
    }
}
