package townhall.qa;

import townhall.config.Config;
import townhall.config.Setting;

/** The configurable numbers of the Q&A rules. */
public record QaRules(int titleMin, int titleMax, int tagsMax, int pageSize) {
    public static final int BODY_MIN = 20;
    public static final int BODY_MAX = 30_000;
    public static final int ANSWER_MIN = 15;
    public static final int COMMENT_MIN = 3;
    public static final int COMMENT_MAX = 600;
    public static final int NOTE_MAX = 300;

    public static QaRules from(Config config) {
        return new QaRules(config.getInt(Setting.QA_TITLE_MIN), config.getInt(Setting.QA_TITLE_MAX),
                config.getInt(Setting.QA_TAGS_MAX), config.getInt(Setting.QA_PAGE_SIZE));
    }
}
