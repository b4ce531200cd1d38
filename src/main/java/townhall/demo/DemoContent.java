package townhall.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import townhall.account.Member;
import townhall.qa.CurationService;
import townhall.qa.PostingService;
import townhall.qa.ViewCounter;

/**
 * The Northwind Audio demo's questions, answers, comments, votes and marks, posted through the real services
 * in the order they happened: before each step the demo clock is set to when it happened, so every timestamp,
 * revision and count comes out as if members had written it over the past five weeks. The script itself is in
 * {@link DemoFirstWeeks} and {@link DemoLastWeeks}, written in the steps below.
 */
final class DemoContent {
    static final String STAFF = "sam_staff";

    private final DemoServices at;
    private final DemoClock clock;
    private final Instant now;
    private final Map<String, Member> members;
    private final Map<Long, Double> ages = new LinkedHashMap<>();
    private Instant asked;

    DemoContent(DemoServices at, DemoClock clock, Instant now, Map<String, Member> members) {
        this.at = at;
        this.clock = clock;
        this.now = now;
        this.members = members;
    }

    void post() {
        DemoFirstWeeks.DropoutThread dropouts = new DemoFirstWeeks(this).post();
        new DemoLastWeeks(this).post(dropouts);
        countViews();
    }

    /** Posts a question the given number of days ago; the following steps are timed from then. */
    long ask(String who, double daysAgo, String category, String tags, String title, String body) {
        asked = now.minus(minutes(daysAgo * 24));
        set(asked);
        long id = at.posting().ask(member(who), new PostingService.AskForm(title, body, tags, category));
        ages.put(id, daysAgo);
        return id;
    }

    long answer(String who, long questionId, String body) {
        return at.posting().answer(member(who), questionId, body);
    }

    void comment(String who, long postId, String text) {
        at.posting().comment(member(who), postId, text);
    }

    void up(long postId, String... voters) {
        for (String voter : voters) {
            at.votesAndMarks().vote(member(voter), postId, 1);
        }
    }

    void down(long postId, String... voters) {
        for (String voter : voters) {
            at.votesAndMarks().vote(member(voter), postId, -1);
        }
    }

    void accept(String asker, long answerId) {
        at.votesAndMarks().accept(member(asker), answerId);
    }

    void verify(long answerId, String note) {
        at.votesAndMarks().verify(member(STAFF), answerId, note);
    }

    /** Verified as true whatever the firmware (no product version named). */
    void verifyForAnyVersion(long answerId, String note) {
        at.votesAndMarks().verify(member(STAFF), answerId, note, java.util.List.of(), "");
    }

    /**
     * Staff record a product line on a tag and its versions, released the given numbers of days ago, oldest first;
     * the last becomes current. Answers verified from then on hold for the current version.
     */
    void productLine(String name, String tag, Map<String, Double> versionsReleasedDaysAgo) {
        Member staff = member(STAFF);
        long line = at.versions().createLine(staff, name, "", tag);
        versionsReleasedDaysAgo.forEach((version, daysAgo) -> at.versions().recordVersion(staff, String.valueOf(line),
                version, now.minus(minutes(daysAgo * 24)).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()));
    }

    void close(long questionId, long originalId) {
        at.curation().close(member(STAFF), questionId, "", String.valueOf(originalId));
    }

    void edit(String who, long answerId, String body, String reason) {
        at.curation().edit(member(who), answerId, new CurationService.EditForm(null, body, null, reason));
    }

    void edit(String who, long questionId, String title, String tags, String body, String reason) {
        at.curation().edit(member(who), questionId, new CurationService.EditForm(title, body, tags, reason));
    }

    /** Moves the clock to the given number of hours after the last question was asked. */
    void after(double hours) {
        set(asked.plus(minutes(hours)));
    }

    /** Moves the clock to the given number of days before now. */
    void ago(double days) {
        set(now.minus(minutes(days * 24)));
    }

    private void set(Instant instant) {
        if (instant.isAfter(now)) {
            throw new IllegalStateException("A demo step is timed in the future: " + instant);
        }
        clock.set(instant);
    }

    /** Some readers for every question, more for older ones, through the real counter. */
    private void countViews() {
        try (ViewCounter views = new ViewCounter(at.database().dsl(), Duration.ofHours(1))) {
            ages.forEach((id, days) -> {
                long readers = 4 + Math.round(days * 9) + id % 7;
                for (int reader = 0; reader < readers; reader++) {
                    views.viewed(id, "demo-reader-" + reader);
                }
            });
        }
    }

    /** The member as they stand now: reputation and Helper status change as the demo goes on. */
    private Member member(String username) {
        Member member = members.get(username);
        if (member == null) {
            throw new IllegalArgumentException("No demo member " + username);
        }
        return at.accountStore().findById(member.id()).orElseThrow();
    }

    private static Duration minutes(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }
}
