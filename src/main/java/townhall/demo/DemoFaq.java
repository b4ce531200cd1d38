package townhall.demo;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.Member;
import townhall.faq.FaqService;

/**
 * The demo community's FAQ: a few sections and entries written by staff, and one entry promoted from a
 * verified answer (when the demo has one). Seeds only an empty FAQ, so it runs once; call it after the demo's
 * questions and answers are in: {@code new DemoFaq(services).seedIfEmpty()}.
 */
public final class DemoFaq {
    private static final Logger log = LoggerFactory.getLogger(DemoFaq.class);

    private record Entry(String question, String answer) {}

    private record Section(String title, List<Entry> entries) {}

    private static final List<Section> SECTIONS = List.of(
            new Section("Getting started", List.of(
                    new Entry("How do I pair Northwind headphones with my phone?", """
                            1. Switch the headphones off.
                            2. Hold the power button for **5 seconds** until the light flashes blue and red.
                            3. On your phone, open Bluetooth settings and choose *Northwind* from the list.

                            The headphones remember up to eight devices and connect to the last one by themselves."""),
                    new Entry("Which app do I need, and is it free?", """
                            The **Northwind app** is free for iOS and Android. It updates the firmware, sets the
                            equaliser and lets you rename your headphones or speaker. You do not need an account
                            to use it."""))),
            new Section("Battery and charging", List.of(
                    new Entry("How long does the battery last?", """
                            About **30 hours** of playback with noise cancelling off, and about 22 hours with it on.
                            Ten minutes of charging gives roughly three hours of listening."""),
                    new Entry("Can I use the headphones while they charge?", """
                            Yes, over USB-C audio. Bluetooth playback pauses while the cable is connected, so that
                            charging stays fast and cool."""))),
            new Section("Orders and warranty", List.of(
                    new Entry("How long is the warranty?", """
                            Two years from the date of purchase, in every country, for manufacturing faults. Keep
                            your receipt or order number; the serial number is inside the left ear cup."""),
                    new Entry("How do I return a product?", """
                            Within 30 days of delivery, start a return from your order page. The return label is
                            free; refunds reach your account within five working days after we receive it."""))));

    private final DemoServices c;

    public DemoFaq(DemoServices services) {
        this.c = services;
    }

    /** Seeds the FAQ when it has no sections yet and a staff member exists to write it. */
    public void seedIfEmpty() {
        if (!c.faqStore().isEmpty()) {
            return;
        }
        Optional<Member> staff = firstStaff();
        if (staff.isEmpty()) {
            log.info("No staff member to write the demo FAQ; skipped.");
            return;
        }
        Member author = staff.get();
        long first = 0;
        for (Section section : SECTIONS) {
            long sectionId = c.faq().createSection(author, section.title());
            if (first == 0) {
                first = sectionId;
            }
            for (Entry entry : section.entries()) {
                c.faq().create(author, new FaqService.EntryForm(String.valueOf(sectionId), entry.question(),
                        entry.answer(), "", ""));
            }
        }
        Long verifiedAnswer = c.database().dsl().select(QUESTIONS.VERIFIED_ANSWER_ID).from(QUESTIONS)
                .join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .where(QUESTIONS.VERIFIED_ANSWER_ID.isNotNull()).and(POSTS.DELETED_AT.isNull())
                .orderBy(QUESTIONS.ID).limit(1).fetchOne(QUESTIONS.VERIFIED_ANSWER_ID);
        if (verifiedAnswer != null) {
            FaqService.EntryForm draft = c.faq().draftFromAnswer(author, verifiedAnswer);
            // it holds for the firmware versions its answer was verified for
            c.faq().create(author, new FaqService.EntryForm(String.valueOf(first), draft.question(), draft.answer(),
                    draft.sourceQuestion(), draft.sourceAnswer()), new FaqService.Freshness(
                    c.versions().answerVersionIds(Long.parseLong(draft.sourceQuestion())), ""));
        }
        log.info("Demo FAQ seeded: {} sections{}", SECTIONS.size(),
                verifiedAnswer != null ? ", one entry promoted from a verified answer" : "");
    }

    private Optional<Member> firstStaff() {
        Long id = c.database().dsl().select(MEMBERS.ID).from(MEMBERS)
                .where(MEMBERS.ROLE.in("staff", "admin"))
                .orderBy(MEMBERS.ROLE.eq("staff").desc(), MEMBERS.ID)
                .limit(1).fetchOne(MEMBERS.ID);
        return id == null ? Optional.empty() : c.accountStore().findById(id);
    }
}
