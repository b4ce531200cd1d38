package townhall.versions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import townhall.account.AccessLog;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Answers that stay true: staff record product versions (per category or tag); a verified answer or FAQ entry says
 * which versions it holds for and when to review it; a newer version or a passed review date puts it in the
 * re-verification queue until staff re-verify it or mark it still true. Every change is staff's, one transaction.
 */
public final class VersionService {
    public static final int LINE_NAME_MAX = 80;
    public static final int VERSION_NAME_MAX = 40;
    public static final int QUEUE_MAX = 200;
    /** How a subject was last checked, as the log and the page say it. */
    public static final String VERIFIED = "verified";
    public static final String REVERIFIED = "reverified";
    public static final String STILL_TRUE = "still";

    private final Database database;
    private final VersionStore store;
    private final Privileges privileges;
    private final AccessLog log;
    private final FreshnessListener listener;
    private final Clock clock;

    public VersionService(Database database, VersionStore store, Privileges privileges, AccessLog log,
                          FreshnessListener listener, Clock clock) {
        this.database = database;
        this.store = store;
        this.privileges = privileges;
        this.log = log;
        this.listener = listener;
        this.clock = clock;
    }

    /** The versions chosen on a form, all of one product line (empty: none named). */
    public record Choice(Long lineId, Set<Long> versionIds) {
        public static final Choice NONE = new Choice(null, Set.of());
    }

    public VersionStore store() { return store; }

    public long createLine(Member staff, String name, String categoryId, String tag) {
        requireStaff(staff);
        String cleanName = clean(name);
        String cleanTag = clean(tag).toLowerCase(java.util.Locale.ROOT);
        String cleanCategory = clean(categoryId);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (cleanName.isEmpty()) {
            errors.add("lineName", "versions.error.line.name");
        } else if (cleanName.length() > LINE_NAME_MAX) {
            errors.add("lineName", "versions.error.line.long", "max", LINE_NAME_MAX);
        } else if (store.lineNamed(cleanName)) {
            errors.add("lineName", "versions.error.line.duplicate", "name", cleanName);
        }
        Long category = null;
        Long tagId = null;
        if (cleanCategory.isEmpty() == cleanTag.isEmpty()) {
            errors.add("scope", "versions.error.line.scope");
        } else if (!cleanCategory.isEmpty()) {
            category = parseId(cleanCategory).flatMap(store::categoryId).orElse(null);
            if (category == null) {
                errors.add("scope", "versions.error.line.category");
            }
        } else {
            tagId = store.tagId(cleanTag).orElse(null);
            if (tagId == null) {
                errors.add("scope", "versions.error.line.tag", "tag", cleanTag);
            }
        }
        errors.throwIfAny();
        Long finalCategory = category;
        Long finalTag = tagId;
        return database.inTransaction(() -> {
            long id = store.insertLine(cleanName, finalCategory, finalTag, now());
            log.record(staff.id(), "version", null, cleanName);
            return id;
        });
    }

    /** Records a product version (released {@code released}, today when blank) and makes it its line's current one. */
    public long recordVersion(Member staff, String lineId, String name, String released) {
        requireStaff(staff);
        String cleanName = clean(name);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Optional<Long> line = parseId(clean(lineId)).filter(store::lineExists);
        if (line.isEmpty()) {
            errors.add("line", "versions.error.line.unknown");
        }
        if (cleanName.isEmpty()) {
            errors.add("versionName", "versions.error.version.name");
        } else if (cleanName.length() > VERSION_NAME_MAX) {
            errors.add("versionName", "versions.error.version.long", "max", VERSION_NAME_MAX);
        } else if (line.isPresent() && store.versionNamed(line.get(), cleanName)) {
            errors.add("versionName", "versions.error.version.duplicate", "version", cleanName);
        }
        LocalDate releasedOn = today();
        if (!clean(released).isEmpty()) {
            try {
                releasedOn = LocalDate.parse(clean(released));
            } catch (DateTimeParseException e) {
                errors.add("released", "versions.error.version.released");
            }
        }
        errors.throwIfAny();
        LocalDate day = releasedOn;
        return database.inTransaction(() -> {
            long id = store.insertVersion(line.get(), cleanName, day, staff.id(), now());
            log.record(staff.id(), "version", null, store.lineName(line.get()).orElse("") + " " + cleanName);
            listener.everythingChanged();
            return id;
        });
    }

    /** The versions ticked on a verify or FAQ form: they must exist and belong to one product line. */
    public Choice choose(List<String> versionIds) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String raw : versionIds == null ? List.<String>of() : versionIds) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            ids.add(parseId(raw.strip()).orElseThrow(() -> InvalidInput.of("versions", "versions.error.versions.unknown")));
        }
        if (ids.isEmpty()) {
            return Choice.NONE;
        }
        Map<Long, Long> lines = store.linesOfVersions(ids);
        if (lines.size() != ids.size()) {
            throw InvalidInput.of("versions", "versions.error.versions.unknown");
        }
        if (Set.copyOf(lines.values()).size() > 1) {
            throw InvalidInput.of("versions", "versions.error.versions.lines");
        }
        return new Choice(lines.values().iterator().next(), Set.copyOf(ids));
    }

    /** A review-by date from a form: blank for none, else a day after today. */
    public LocalDate reviewBy(String value) {
        String clean = clean(value);
        if (clean.isEmpty()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(clean);
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("reviewBy", "versions.error.reviewBy");
        }
        if (!day.isAfter(today())) {
            throw InvalidInput.of("reviewBy", "versions.error.reviewBy.past");
        }
        return day;
    }

    /** Inside Q&A's verify transaction: what the verified answer holds for, as staff said when verifying it. */
    public void answerVerified(long questionId, long answerId, Choice choice, LocalDate reviewBy, long staffId) {
        store.saveCheck(VersionStore.ANSWER, questionId, answerId, choice.lineId(), choice.versionIds(), reviewBy,
                staffId, now(), VERIFIED);
    }

    /** Inside Q&A's unverify transaction. */
    public void answerUnverified(long questionId) {
        store.deleteCheck(VersionStore.ANSWER, questionId);
    }

    /** Inside the FAQ's save transaction: the versions an entry holds for and its review-by date. */
    public void faqChecked(long entryId, Choice choice, LocalDate reviewBy, long staffId) {
        store.saveCheck(VersionStore.FAQ, entryId, null, choice.lineId(), choice.versionIds(), reviewBy, staffId,
                now(), VERIFIED);
    }

    /**
     * Staff checked an answer (kind "answer", subject: its question) or FAQ entry again for its line's current
     * version: {@code how} "reverified" says it holds for that version now (the older ones drop), "still" that it
     * still holds (the older ones stay). Either clears it from the queue; a passed review-by date moves to
     * {@code reviewBy} (blank: none).
     */
    public Freshness recheck(Member staff, String kind, long subjectId, String how, String reviewBy) {
        requireStaff(staff);
        if (!VersionStore.ANSWER.equals(kind) && !VersionStore.FAQ.equals(kind)) {
            throw new NotFound();
        }
        if (!REVERIFIED.equals(how) && !STILL_TRUE.equals(how)) {
            throw InvalidInput.of("how", "versions.error.how");
        }
        Freshness before = store.freshness(kind, subjectId, today()).orElseThrow(NotFound::new);
        LocalDate nextReview = clean(reviewBy).isEmpty()
                ? (before.reviewDue() ? null : before.reviewBy())
                : reviewBy(reviewBy);
        database.inTransaction(() -> {
            Long current = store.lineAndCurrent(kind, subjectId).map(r -> r.value2()).orElse(null);
            if (current != null) {
                if (REVERIFIED.equals(how)) {
                    store.clearVersions(kind, subjectId);
                }
                store.addVersions(kind, subjectId, List.of(current));
            }
            store.touch(kind, subjectId, nextReview, staff.id(), now(), how);
            log.record(staff.id(), REVERIFIED.equals(how) ? "reverify" : "still_true", null,
                    before.title() + (before.current() == null ? "" : " — " + before.current()));
            if (VersionStore.ANSWER.equals(kind)) {
                listener.questionChanged(subjectId);
            }
        });
        return before;
    }

    public Optional<Freshness> answerFreshness(long questionId) {
        return store.freshness(VersionStore.ANSWER, questionId, today());
    }

    public Optional<Freshness> faqFreshness(long entryId) {
        return store.freshness(VersionStore.FAQ, entryId, today());
    }

    /** The version ids a question's verified answer was checked for: an FAQ entry promoted from it holds for them. */
    public List<String> answerVersionIds(long questionId) {
        return store.versionIdsOf(VersionStore.ANSWER, questionId).stream().map(String::valueOf).toList();
    }

    /** The version ids an FAQ entry was checked for, as its form ticks them. */
    public List<String> faqVersionIds(long entryId) {
        return store.versionIdsOf(VersionStore.FAQ, entryId).stream().map(String::valueOf).toList();
    }

    public Map<Long, Freshness> faqFreshness(java.util.Collection<Long> entryIds) {
        return store.faqFreshness(entryIds, today());
    }

    public List<ProductLine> lines() {
        return store.lines();
    }

    public List<ProductLine> linesOfQuestion(long questionId) {
        return store.linesOfQuestion(questionId);
    }

    public List<Freshness> queue() {
        return store.queue(today(), QUEUE_MAX);
    }

    public int queueCount() {
        return store.queueCount(today());
    }

    public FreshnessCounts counts() {
        return store.counts(today());
    }

    public boolean mayManage(Member member) {
        return member != null && privileges.mayManageVersions(member);
    }

    private void requireStaff(Member member) {
        if (!mayManage(member)) {
            throw new NotAllowed("versions.denied");
        }
    }

    /**
     * A date field's value to show again on a refused form: as typed when it is a date, else blank (a browser's date
     * field sends only dates, and HTML allows no other value in one).
     */
    public static String dateOrBlank(String value) {
        try {
            return value == null ? "" : LocalDate.parse(value.strip()).toString();
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static Optional<Long> parseId(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
