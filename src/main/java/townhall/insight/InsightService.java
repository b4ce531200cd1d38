package townhall.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.db.SiteSettingsStore;
import townhall.i18n.Text;
import townhall.notify.Notifier;
import townhall.reputation.ReputationRules;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;

/**
 * The figures a community manager reads: growth, engagement, satisfaction, deflection and people, for a period and
 * the one before it. Counts by day come from the daily roll-ups for the days already counted and from the posts for
 * the rest; what became of each question (answered, accepted, time to first answer) is read for the period's
 * questions.
 */
public final class InsightService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InsightService.class);
    static final String ROLLED_THROUGH = "insight_rolled_through";
    static final String OUTCOMES_THROUGH = "insight_outcomes_through";
    static final String MEMBERS_THROUGH = "insight_members_through";
    private static final int LIST = 10;

    private final Database database;
    private final InsightStore store;
    private final SiteSettingsStore siteSettings;
    private final InsightSettings settings;
    private final ReputationRules rules;
    private final Privileges privileges;
    private final Notifier notifier;
    private final Clock clock;

    public InsightService(Database database, InsightStore store, SiteSettingsStore siteSettings,
                          InsightSettings settings, ReputationRules rules, Privileges privileges, Notifier notifier,
                          Clock clock) {
        this.database = database;
        this.store = store;
        this.siteSettings = siteSettings;
        this.settings = settings;
        this.rules = rules;
        this.privileges = privileges;
        this.notifier = notifier;
        this.clock = clock;
    }

    public record Dashboard(Period period, List<Figures.Section> sections, List<Figures.Day> days,
                            List<Figures.QuestionLink> unanswered, int unansweredCount,
                            Figures.Satisfaction satisfaction, Figures.Deflection deflection, Figures.People people) {}

    public void requireReader(Member viewer) {
        if (viewer == null || !privileges.maySeeInsight(viewer)) {
            throw new NotAllowed("errors.staffOnly");
        }
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The period asked for: the last 30 days by default; bad dates are refused with a message for the form. */
    public Period period(String from, String to, String category, String tag) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate end = date(to, today(), "to", errors);
        LocalDate start = date(from, end.minusDays(29), "from", errors);
        Long categoryId = null;
        if (category != null && !category.isBlank()) {
            try {
                categoryId = Long.parseLong(category.trim());
            } catch (NumberFormatException e) {
                errors.add("category", "insight.error.category");
            }
        }
        String cleanTag = tag == null ? "" : tag.trim().toLowerCase(java.util.Locale.ROOT);
        if (cleanTag.length() > 35) {
            errors.add("tag", "insight.error.tag");
        }
        if (!errors.has("from") && !errors.has("to")) {
            if (start.isAfter(end)) {
                errors.add("from", "insight.error.order");
            } else if (java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1 > Period.LONGEST_DAYS) {
                errors.add("from", "insight.error.long", "days", Period.LONGEST_DAYS);
            }
        }
        errors.throwIfAny();
        return new Period(start, end, categoryId, cleanTag);
    }

    private static LocalDate date(String value, LocalDate fallback, String field, InvalidInput.Collector errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(field, "insight.error.date");
            return fallback;
        }
    }

    public List<Figures.CategoryOption> categories() {
        return store.categories();
    }

    public Dashboard dashboard(Period period) {
        Period before = period.previous();
        List<Figures.Day> days = days(period);
        List<Figures.Day> previousDays = days(before);
        Figures.Day sum = sum(days, period.from());
        Figures.Day previousSum = sum(previousDays, before.from());
        LocalDate rolled = outcomesThrough();
        LocalDateTime overdue = LocalDateTime.now(clock).minusHours(48);
        Figures.Outcomes outcomes = store.outcomes(period, rolled, overdue);
        Figures.Outcomes previousOutcomes = store.outcomes(before, rolled, overdue);
        LocalDate membersRolled = membersThrough();
        int[] active = store.activeAndReturning(period, membersRolled);
        int[] previousActive = store.activeAndReturning(before, membersRolled);
        Figures.Satisfaction satisfaction = store.satisfaction(period, LIST);
        Figures.Satisfaction previousSatisfaction = store.satisfaction(before, 0);
        List<Figures.Section> sections = List.of(
                new Figures.Section("growth", List.of(
                        count("newMembers", sum.newMembers(), previousSum.newMembers()),
                        count("firstPosters", sum.firstPosters(), previousSum.firstPosters()),
                        count("active", active[0], previousActive[0]),
                        count("returning", active[1], previousActive[1]),
                        count("visitors", sum.visitors(), previousSum.visitors()))),
                new Figures.Section("engagement", List.of(
                        count("questions", sum.questions(), previousSum.questions()),
                        count("answers", sum.answers(), previousSum.answers()),
                        count("comments", sum.comments(), previousSum.comments()),
                        count("votes", sum.votes(), previousSum.votes()),
                        percent("answered", ratio(outcomes.answered(), outcomes.questions()),
                                ratio(previousOutcomes.answered(), previousOutcomes.questions())),
                        percent("accepted", ratio(outcomes.accepted(), outcomes.questions()),
                                ratio(previousOutcomes.accepted(), previousOutcomes.questions())),
                        percent("verified", ratio(outcomes.verified(), outcomes.questions()),
                                ratio(previousOutcomes.verified(), previousOutcomes.questions())),
                        hours("firstAnswerMedian", hours(outcomes.firstAnswerMedianSeconds()),
                                hours(previousOutcomes.firstAnswerMedianSeconds())),
                        hours("firstAnswerP90", hours(outcomes.firstAnswerP90Seconds()),
                                hours(previousOutcomes.firstAnswerP90Seconds())),
                        count("unanswered48", outcomes.unanswered(), previousOutcomes.unanswered()),
                        percent("helperAnswers", ratio(sum.helperAnswers(), sum.answers()),
                                ratio(previousSum.helperAnswers(), previousSum.answers())),
                        percent("communityFirst", ratio(outcomes.communityFirst(), outcomes.answered()),
                                ratio(previousOutcomes.communityFirst(), previousOutcomes.answered())))),
                new Figures.Section("satisfaction", List.of(
                        percent("solved", ratio(satisfaction.solved(), satisfaction.solved() + satisfaction.unsolved()),
                                ratio(previousSatisfaction.solved(),
                                        previousSatisfaction.solved() + previousSatisfaction.unsolved())),
                        count("ratings", satisfaction.solved() + satisfaction.unsolved(),
                                previousSatisfaction.solved() + previousSatisfaction.unsolved()),
                        percent("askerSolved", ratio(satisfaction.askerSolved(),
                                        satisfaction.askerSolved() + satisfaction.askerUnsolved()),
                                ratio(previousSatisfaction.askerSolved(),
                                        previousSatisfaction.askerSolved() + previousSatisfaction.askerUnsolved())))));
        List<Figures.QuestionLink> unanswered = store.questions(store.unanswered(period, rolled, overdue, 20));
        Figures.People people = new Figures.People(
                store.topContributors(period, membersRolled, LIST),
                store.risingNewcomers(period, membersRolled, settings.newcomerDays(), LIST),
                store.closeToHelper(rules.helperReputation() * 6 / 10, rules.helperReputation(), LIST),
                store.quietHelpers(LocalDateTime.now(clock).minusDays(settings.quietDays()),
                        LocalDateTime.now(clock).minusDays(90), LIST));
        return new Dashboard(period, sections, days, unanswered, outcomes.unanswered(), satisfaction,
                store.deflection(period, settings.ticketsPercent(), LIST), people);
    }

    /** Each day of the period with its counts: rolled-up days from the roll-ups, the others from the posts. */
    public List<Figures.Day> days(Period period) {
        LocalDate rolled = rolledThrough();
        Map<LocalDate, Figures.Day> days = new TreeMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            days.put(d, Figures.Day.empty(d));
        }
        LocalDate liveFrom = period.from();
        if (rolled != null && !rolled.isBefore(period.from())) {
            LocalDate rolledTo = rolled.isBefore(period.to()) ? rolled : period.to();
            // under a tag, the posts' counts come from insight_tag_days; the site's figures are never by tag
            store.rolledDays(period.from(), rolledTo, period.categoryId(), period.tag())
                    .forEach((d, day) -> days.merge(d, day, Figures.Day::plus));
            LocalDate tagsRolled = membersThrough();
            if (!period.tag().isEmpty() && (tagsRolled == null || tagsRolled.isBefore(rolledTo))) {
                // the tags' roll-ups are still being filled (just after an upgrade): those days from the posts
                LocalDate from = tagsRolled == null || tagsRolled.isBefore(period.from()) ? period.from()
                        : tagsRolled.plusDays(1);
                store.countDays(from.atStartOfDay(), rolledTo.plusDays(1).atStartOfDay(), period.categoryId(),
                        period.tag()).forEach((d, byCategory) -> byCategory.values()
                        .forEach(day -> days.merge(d, day, Figures.Day::plus)));
            }
            liveFrom = rolledTo.plusDays(1);
        }
        if (!liveFrom.isAfter(period.to())) {
            LocalDateTime start = liveFrom.atStartOfDay();
            store.countDays(start, period.end(), period.categoryId(), period.tag())
                    .forEach((d, byCategory) -> byCategory.values().forEach(day -> days.merge(d, day, Figures.Day::plus)));
            store.countSiteDays(start, period.end()).forEach((d, day) -> days.merge(d, day, Figures.Day::plus));
        }
        return List.copyOf(days.values());
    }

    // ---- roll-ups

    /** The last day whose questions' outcomes are kept (insight_questions), at most the last day rolled up. */
    public LocalDate outcomesThrough() {
        return siteSettings.get(OUTCOMES_THROUGH).map(LocalDate::parse).orElse(null);
    }

    /** Keeps the outcomes of the questions of the days rolled up since, a month a transaction, then the changed ones. */
    private void keepOutcomes(LocalDate through) {
        LocalDate kept = outcomesThrough();
        LocalDate first = store.firstDay();
        LocalDate next = kept != null ? kept.plusDays(1) : first;
        long started = System.nanoTime();
        boolean any = next != null && !next.isAfter(through);
        while (next != null && !next.isAfter(through)) {
            LocalDate from = next;
            LocalDate to = from.plusDays(29).isAfter(through) ? through : from.plusDays(29);
            database.inTransaction(() -> {
                store.keepOutcomes(from.atStartOfDay(), to.plusDays(1).atStartOfDay());
                siteSettings.put(OUTCOMES_THROUGH, to.toString());
            });
            next = to.plusDays(1);
        }
        if (any) {
            log.info("Insight outcomes kept for the questions through {} in {} ms", through,
                    (System.nanoTime() - started) / 1_000_000);
        }
        while (database.inTransaction(() -> store.keepChangedOutcomes(through, 500)) == 500) {
            log.debug("More changed questions to keep");
        }
    }

    public LocalDate rolledThrough() {
        return siteSettings.get(ROLLED_THROUGH).map(LocalDate::parse).orElse(null);
    }

    /** The last day whose members and tags are rolled up (insight_member_days, insight_tag_days). */
    public LocalDate membersThrough() {
        return siteSettings.get(MEMBERS_THROUGH).map(LocalDate::parse).orElse(null);
    }

    /**
     * Rolls up the members and tags of the days counted before these roll-ups existed (an upgrade), a month a
     * transaction, so that they reach the other roll-ups.
     */
    private void rollUpMembersAndTags(LocalDate through) {
        LocalDate done = membersThrough();
        LocalDate next = done != null ? done.plusDays(1) : store.firstDay();
        if (next == null || next.isAfter(through)) {
            return;
        }
        long started = System.nanoTime();
        while (!next.isAfter(through)) {
            LocalDate from = next;
            LocalDate to = from.plusDays(29).isAfter(through) ? through : from.plusDays(29);
            database.inTransaction(() -> {
                store.rollUpMembersAndTags(from, to);
                siteSettings.put(MEMBERS_THROUGH, to.toString());
            });
            next = to.plusDays(1);
        }
        log.info("Insight members and tags rolled up through {} in {} ms", through,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Counts the days that ended since the last run (each in its own transaction), and again the days whose posts
     * changed since; returns how many days were counted.
     */
    public int rollUp() {
        long started = System.nanoTime();
        LocalDate yesterday = today().minusDays(1);
        LocalDate rolled = rolledThrough();
        if (rolled != null) {
            rollUpMembersAndTags(rolled);
        }
        LocalDate next = rolled != null ? rolled.plusDays(1) : store.firstDay();
        int count = 0;
        if (next != null) {
            for (LocalDate d = next; !d.isAfter(yesterday); d = d.plusDays(1)) {
                LocalDate day = d;
                database.inTransaction(() -> {
                    store.rollUp(day, LocalDateTime.now(clock)); // the members and tags of the day too
                    siteSettings.put(ROLLED_THROUGH, day.toString());
                    siteSettings.put(MEMBERS_THROUGH, day.toString());
                });
                count++;
            }
        }
        LocalDate through = rolledThrough();
        if (through != null) {
            keepOutcomes(through);
        }
        for (LocalDate day : store.dirtyDays(1000)) {
            if (through != null && !day.isAfter(through)) {
                database.inTransaction(() -> store.rollUp(day, LocalDateTime.now(clock)));
                count++;
            } else { // not counted yet: it will be when it is over
                store.clearDirty(day);
            }
        }
        if (count > 0) {
            log.info("Insight roll-up counted {} days in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        }
        return count;
    }

    // ---- satisfaction

    /**
     * Records whether a question's answer solved a reader's problem; {@code voter} names the reader (a member, or
     * a visitor's daily hash). Returns false when this reader had already answered.
     */
    public boolean rate(long questionId, String voter, Long memberId, String answer, String reason) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Boolean solved = switch (answer == null ? "" : answer) {
            case "yes" -> true;
            case "no" -> false;
            default -> null;
        };
        if (solved == null) {
            errors.add("solved", "insight.satisfaction.error.choose");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() > 300) {
            errors.add("reason", "insight.satisfaction.error.long", "max", 300);
        }
        errors.throwIfAny();
        return database.inTransaction(() -> {
            if (!store.rateable(questionId)) {
                throw new NotAllowed("insight.satisfaction.error.notRateable");
            }
            return store.addSatisfaction(questionId, voter, memberId, "reader", solved, solved ? "" : why,
                    LocalDateTime.now(clock));
        });
    }

    /**
     * The hook for the asker's follow-up ("Did this solve your problem?" asked by the notifications feature a few
     * days after an answer): wired in app/ to whatever asks it; counted apart from readers' answers.
     */
    public boolean askerFollowUp(long questionId, long askerId, boolean solved, String reason) {
        return database.inTransaction(() -> store.addSatisfaction(questionId, "asker" + askerId, askerId, "asker",
                solved, reason == null ? "" : reason.strip(), LocalDateTime.now(clock)));
    }

    // ---- acting on people and the report

    public void thank(Member staff, long memberId) {
        requireReader(staff);
        database.inTransaction(() -> notifier.notify(memberId,
                Text.of("insight.thanks.notification", "name", staff.username()), "/u/" + staff.username()));
    }

    public boolean subscribed(Member staff) {
        return store.subscribed(staff.id());
    }

    public void subscribe(Member staff, boolean on) {
        requireReader(staff);
        database.inTransaction(() -> store.subscribe(staff.id(), on, LocalDateTime.now(clock)));
    }

    // ---- figures

    private static Figures.Day sum(List<Figures.Day> days, LocalDate first) {
        Figures.Day total = Figures.Day.empty(first);
        for (Figures.Day d : days) {
            total = total.plus(d);
        }
        return total;
    }

    private static Figures.Figure count(String key, int value, int previous) {
        return new Figures.Figure(key, "count", (double) value, (double) previous);
    }

    private static Figures.Figure percent(String key, Double value, Double previous) {
        return new Figures.Figure(key, "percent", value, previous);
    }

    private static Figures.Figure hours(String key, Double value, Double previous) {
        return new Figures.Figure(key, "hours", value, previous);
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** Seconds as hours with one decimal; null stays null. */
    private static Double hours(Long seconds) {
        return seconds == null ? null : Math.round(seconds / 360.0) / 10.0;
    }
}
