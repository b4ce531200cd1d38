package townhall.reputation;

/** Badges and the rules that award them; awarding is idempotent (one row per member and badge). */
public enum Badge {
    FIRST_ANSWER("First answer", "Answered a question") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.answers() >= 1; }
    },
    FIRST_ACCEPTED("Accepted", "First answer accepted by the asker") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 1; }
    },
    ACCEPTED_10("Problem solver", "10 accepted answers") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 10; }
    },
    ACCEPTED_50("Go-to person", "50 accepted answers") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.accepted() >= 50; }
    },
    FIRST_VERIFIED("Verified", "First answer verified by staff") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.verified() >= 1; }
    },
    VERIFIED_10("Trusted source", "10 answers verified by staff") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return a.verified() >= 10; }
    },
    HELPER("Helper", "Became a Helper") {
        boolean earned(ReputationStore.Achievements a, boolean helper) { return helper; }
    },
    WELCOMER("Welcomer", "Answered 10 newcomers' questions") {
        boolean earned(ReputationStore.Achievements a, boolean helper) {
            return a.newcomersAnswered() >= WELCOMER_ANSWERS;
        }
    };

    static final int WELCOMER_ANSWERS = 10;

    private final String title;
    private final String description;

    Badge(String title, String description) {
        this.title = title;
        this.description = description;
    }

    abstract boolean earned(ReputationStore.Achievements achievements, boolean helper);

    public String title() { return title; }

    public String description() { return description; }
}
