package townhall.reputation;

import java.util.Locale;
import townhall.i18n.Text;

/** Badges and the rules that award them; awarding is idempotent (one row per member and badge). */
public enum Badge {
    FIRST_ANSWER {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.answers() >= 1; }
    },
    FIRST_ACCEPTED {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 1; }
    },
    ACCEPTED_10 {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 10; }
    },
    ACCEPTED_50 {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 50; }
    },
    FIRST_VERIFIED {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.verified() >= 1; }
    },
    VERIFIED_10 {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.verified() >= 10; }
    },
    HELPER {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return helper; }
    },
    WELCOMER {
        boolean earned(ReputationStore.Achievements a, boolean helper) {
            return a.newcomersAnswered() >= WELCOMER_ANSWERS;
        }
    };

    static final int WELCOMER_ANSWERS = 10;

    abstract boolean earned(ReputationStore.Achievements achievements, boolean helper);

    /** "First answer": message {@code badges.first_answer}. */
    public Text title() { return Text.of("badges." + name().toLowerCase(Locale.ROOT)); }

    /** "Answered a question": message {@code badges.first_answer.description}. */
    public Text description() { return Text.of("badges." + name().toLowerCase(Locale.ROOT) + ".description"); }
}
