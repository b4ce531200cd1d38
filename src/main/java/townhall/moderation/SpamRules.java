package townhall.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * The configurable numbers of pre-moderation and the spam defence. {@code premoderation}: "off", "first" (a member's
 * first {@code premoderationPosts} posts wait) or "links" (a new member's posts with links wait).
 */
public record SpamRules(String premoderation, int premoderationPosts, int questionsPerDay, int answersPerDay,
                        int pauseSeconds, int formSeconds, boolean duplicates, List<String> blockedDomains) {

    public static SpamRules from(Config c) {
        String mode = c.get(Setting.PREMODERATION).strip().toLowerCase(Locale.ROOT);
        if (!List.of("off", "first", "links").contains(mode)) {
            throw new IllegalArgumentException("premoderation must be off, first or links, not " + mode);
        }
        List<String> domains = Arrays.stream(c.get(Setting.SPAM_BLOCKED_DOMAINS).split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
        return new SpamRules(mode, c.getInt(Setting.PREMODERATION_POSTS), c.getInt(Setting.SPAM_QUESTIONS_DAY),
                c.getInt(Setting.SPAM_ANSWERS_DAY), c.getInt(Setting.SPAM_PAUSE_SECONDS),
                c.getInt(Setting.SPAM_FORM_SECONDS), c.getBoolean(Setting.SPAM_DUPLICATES), domains);
    }
}
