package townhall.insight;

import townhall.config.Config;
import townhall.config.Setting;

/** The dashboard's settings, read once. */
public record InsightSettings(int ticketsPercent, int quietDays, int rollupMinutes, int newcomerDays) {
    public static InsightSettings from(Config config) {
        return new InsightSettings(config.getInt(Setting.INSIGHT_TICKETS_PERCENT),
                config.getInt(Setting.INSIGHT_QUIET_DAYS), config.getInt(Setting.INSIGHT_ROLLUP_MINUTES), 60);
    }
}
