package townhall.faq;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;
import townhall.web.Texts;
import townhall.db.Database;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.qa.QuestionLinks;
import townhall.versions.VersionService;

/** The FAQ rules: only staff create, edit, reorder, review and retire; one transaction each. */
public final class FaqService {
    public static final int QUESTION_MIN = 10;
    public static final int QUESTION_MAX = 200;
    public static final int ANSWER_MIN = 20;
    public static final int ANSWER_MAX = 30_000;
    public static final int SECTION_MAX = 120;

    private final Database database;
    private final FaqStore store;
    private final MarkdownRenderer markdown;
    private final Clock clock;
    private final FaqListener listener;
    private final VersionService versions;

    public FaqService(Database database, FaqStore store, MarkdownRenderer markdown, Clock clock, FaqListener listener,
                      VersionService versions) {
        this.versions = versions;
        this.database = database;
        this.store = store;
        this.markdown = markdown;
        this.clock = clock;
        this.listener = listener;
    }

    /** An entry as its form shows it; the source ids are set when it is promoted from a Q&A. */
    public record EntryForm(String section, String question, String answer, String sourceQuestion,
                            String sourceAnswer) {}

    public long createSection(Member staff, String title) {
        requireStaff(staff);
        String clean = clean(title);
        checkSectionTitle(clean);
        return database.inTransaction(() -> {
            String base = QuestionLinks.slugOf(clean);
            String slug = base;
            for (int n = 2; store.sectionSlugTaken(slug); n++) {
                slug = base + "-" + n;
            }
            return store.insertSection(slug, clean, now());
        });
    }

    public void renameSection(Member staff, long sectionId, String title) {
        requireStaff(staff);
        String clean = clean(title);
        checkSectionTitle(clean);
        if (!store.sectionExists(sectionId)) {
            throw new NotFound();
        }
        database.inTransaction(() -> {
            store.renameSection(sectionId, clean);
            listener.entriesChanged(store.entryIdsOf(sectionId));
        });
    }

    /** Moves a section one place up ({@code -1}) or down ({@code +1}). */
    public void moveSection(Member staff, long sectionId, int direction) {
        requireStaff(staff);
        database.inTransaction(() -> swap(store.sectionOrder(), sectionId, direction, store::setSectionPosition));
    }

    /** Moves an entry one place up ({@code -1}) or down ({@code +1}) within its section. */
    public void moveEntry(Member staff, long entryId, int direction) {
        requireStaff(staff);
        FaqEntry entry = store.entry(entryId).orElseThrow(NotFound::new);
        database.inTransaction(() -> swap(store.entryOrder(entry.sectionId()), entryId, direction, store::setEntryPosition));
    }

    private interface Positioner {
        void set(long id, int position);
    }

    /** Renumbers the list 1..n with the item moved by one place, so ties and gaps never confuse the order. */
    private static void swap(List<FaqStore.Placed> order, long id, int direction, Positioner positioner) {
        int index = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).id() == id) {
                index = i;
            }
        }
        if (index < 0) {
            throw new NotFound();
        }
        int other = index + Integer.signum(direction);
        if (other < 0 || other >= order.size()) {
            return;
        }
        long[] ids = order.stream().mapToLong(FaqStore.Placed::id).toArray();
        ids[index] = ids[other];
        ids[other] = id;
        for (int i = 0; i < ids.length; i++) {
            int position = i + 1;
            long placed = ids[i];
            boolean same = order.get(i).id() == placed && order.get(i).position() == position;
            if (!same) {
                positioner.set(placed, position);
            }
        }
    }

    /**
     * Which product versions an entry holds for (version ids of one line, ticked on its form) and when to review it
     * ({@code yyyy-mm-dd}, blank for never); null {@code versionIds}: the form did not say, keep what there was.
     */
    public record Freshness(List<String> versionIds, String reviewBy) {
        public static final Freshness UNSAID = new Freshness(null, "");
    }

    public long create(Member staff, EntryForm form) {
        return create(staff, form, Freshness.UNSAID);
    }

    public long create(Member staff, EntryForm form, Freshness freshness) {
        requireStaff(staff);
        FaqStore.EntryRow row = validate(form);
        VersionService.Choice choice = freshness.versionIds() == null ? null : versions.choose(freshness.versionIds());
        LocalDate reviewBy = versions.reviewBy(freshness.reviewBy());
        LocalDateTime now = now();
        return database.inTransaction(() -> {
            long id = store.insertEntry(row, staff.id(), now);
            if (choice != null || reviewBy != null) {
                versions.faqChecked(id, choice == null ? VersionService.Choice.NONE : choice, reviewBy, staff.id());
            }
            listener.entriesChanged(List.of(id));
            return id;
        });
    }

    public void update(Member staff, long entryId, EntryForm form) {
        update(staff, entryId, form, Freshness.UNSAID);
    }

    public void update(Member staff, long entryId, EntryForm form, Freshness freshness) {
        requireStaff(staff);
        FaqEntry entry = store.entry(entryId).orElseThrow(NotFound::new);
        FaqStore.EntryRow row = validate(form);
        VersionService.Choice choice = freshness.versionIds() == null ? null : versions.choose(freshness.versionIds());
        LocalDate reviewBy = versions.reviewBy(freshness.reviewBy());
        FaqStore.EntryRow kept = new FaqStore.EntryRow(row.sectionId(), row.question(), row.slug(), row.answerMd(),
                row.answerHtml(), null, null);
        LocalDateTime now = now();
        database.inTransaction(() -> {
            store.updateEntry(entryId, kept, entry.sectionId() != row.sectionId(), staff.id(), now);
            if (choice != null) { // saving the entry checks it again for the versions ticked
                versions.faqChecked(entryId, choice, reviewBy, staff.id());
            }
            listener.entriesChanged(List.of(entryId));
        });
    }

    /** Takes an entry out of the FAQ, search and suggestions; staff can restore it. */
    public void retire(Member staff, long entryId) {
        requireStaff(staff);
        store.entry(entryId).orElseThrow(NotFound::new);
        database.inTransaction(() -> {
            store.setRetired(entryId, staff.id(), now());
            listener.entriesChanged(List.of(entryId));
        });
    }

    public void restore(Member staff, long entryId) {
        requireStaff(staff);
        store.entry(entryId).orElseThrow(NotFound::new);
        database.inTransaction(() -> {
            store.setRetired(entryId, null, null);
            listener.entriesChanged(List.of(entryId));
        });
    }

    /** Staff checked the entry is still right: records who and when. */
    public void markReviewed(Member staff, long entryId) {
        requireStaff(staff);
        store.entry(entryId).orElseThrow(NotFound::new);
        store.setReviewed(entryId, staff.id(), now());
    }

    /** "Promote to FAQ": a new entry's form filled from an answer and its question. */
    public EntryForm draftFromAnswer(Member staff, long answerId) {
        requireStaff(staff);
        FaqStore.AnswerDraft draft = store.answerDraft(answerId).orElseThrow(NotFound::new);
        String question = draft.title().length() > QUESTION_MAX ? draft.title().substring(0, QUESTION_MAX) : draft.title();
        return new EntryForm("", question, draft.answerMd(), String.valueOf(draft.questionId()),
                String.valueOf(draft.answerId()));
    }

    private FaqStore.EntryRow validate(EntryForm form) {
        String question = clean(form.question());
        String answer = Texts.clean(form.answer(), true).strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Long sectionId = parseId(form.section());
        if (sectionId == null || !store.sectionExists(sectionId)) {
            errors.add("section", "faq.error.section");
        }
        if (question.length() < QUESTION_MIN) {
            errors.add("question", "faq.error.question.short", "min", QUESTION_MIN);
        } else if (question.length() > QUESTION_MAX) {
            errors.add("question", "faq.error.question.long", "max", QUESTION_MAX);
        }
        if (answer.length() < ANSWER_MIN) {
            errors.add("answer", "faq.error.answer.short", "min", ANSWER_MIN);
        } else if (answer.length() > ANSWER_MAX) {
            errors.add("answer", "faq.error.answer.long", "max", ANSWER_MAX);
        }
        Long sourceQuestion = parseId(form.sourceQuestion());
        Long sourceAnswer = parseId(form.sourceAnswer());
        if (sourceQuestion != null && !store.questionExists(sourceQuestion)) {
            sourceQuestion = null;
            sourceAnswer = null;
        }
        errors.throwIfAny();
        return new FaqStore.EntryRow(sectionId, question, QuestionLinks.slugOf(question), answer,
                markdown.render(answer, LinkPolicy.FOLLOW), sourceQuestion, sourceQuestion == null ? null : sourceAnswer);
    }

    private static void checkSectionTitle(String title) {
        if (title.length() < 2 || title.length() > SECTION_MAX) {
            throw InvalidInput.of("sectionTitle", "faq.error.sectionTitle", "min", 2, "max", SECTION_MAX);
        }
    }

    private static void requireStaff(Member member) {
        if (member == null || !member.isStaff()) {
            throw new NotAllowed("faq.denied");
        }
    }

    private static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clean(String text) {
        return Texts.line(text);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
