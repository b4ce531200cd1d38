package townhall.webhooks;

import java.time.Duration;
import townhall.config.Config;
import townhall.config.Setting;

/** {@code allowLocal}: plain http to this machine is accepted (tests, development); {@code timeout}: per attempt. */
public record WebhookSettings(boolean allowLocal, Duration timeout) {
    public static WebhookSettings from(Config config) {
        return new WebhookSettings(config.getBoolean(Setting.WEBHOOKS_ALLOW_LOCAL),
                Duration.ofSeconds(config.getInt(Setting.WEBHOOKS_TIMEOUT_SECONDS)));
    }
}
