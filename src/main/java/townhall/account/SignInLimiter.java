package townhall.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Locale;

/** Token buckets per account and per client address; a sign-in attempt needs a token from both. */
public final class SignInLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final int perAccount;
    private final int perAddress;
    private final Cache<String, Bucket> accounts = buckets();
    private final Cache<String, Bucket> addresses = buckets();

    public SignInLimiter(int perAccount, int perAddress) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    private static Cache<String, Bucket> buckets() {
        return Caffeine.newBuilder().expireAfterAccess(WINDOW.multipliedBy(2)).maximumSize(200_000).build();
    }

    /** Takes one attempt; returns how long to wait when the attempt is refused, or {@link Duration#ZERO}. */
    public Duration tryAttempt(String login, String address) {
        String account = login.trim().toLowerCase(Locale.ROOT);
        Bucket addressBucket = addresses.get(address, key -> bucket(perAddress));
        ConsumptionProbe byAddress = addressBucket.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            return Duration.ofNanos(byAddress.getNanosToWaitForRefill());
        }
        ConsumptionProbe byAccount = accounts.get(account, key -> bucket(perAccount)).tryConsumeAndReturnRemaining(1);
        if (!byAccount.isConsumed()) {
            return Duration.ofNanos(byAccount.getNanosToWaitForRefill());
        }
        return Duration.ZERO;
    }

    private static Bucket bucket(int attempts) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, WINDOW).build())
                .build();
    }
}
