package townhall.ideas;

import townhall.config.Config;
import townhall.config.Setting;

/** The configurable numbers of ideas and the roadmap. */
public record IdeaRules(int voteBudget, int trendingDays, int shippedDays, int pageSize) {
    public static final int TITLE_MIN = 10;
    public static final int TITLE_MAX = 150;
    public static final int BODY_MIN = 20;
    public static final int BODY_MAX = 20_000;
    public static final int RESPONSE_MAX = 5_000;
    public static final int TAGS_MAX = 5;

    public static IdeaRules from(Config config) {
        return new IdeaRules(config.getInt(Setting.IDEAS_VOTE_BUDGET), config.getInt(Setting.IDEAS_TRENDING_DAYS),
                config.getInt(Setting.ROADMAP_SHIPPED_DAYS), config.getInt(Setting.QA_PAGE_SIZE));
    }
}
