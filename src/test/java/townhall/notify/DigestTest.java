package townhall.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.account.Member;
import townhall.config.Setting;
import townhall.faq.Faqs;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.Mailbox;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** The daily digest: what it holds for a follower and for a Helper, each thing once, and nothing in the next one. */
class DigestTest {
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtpServer;
    private static final Mailbox mail;

    static {
        mail = Mailbox.onFreePort();
        smtpServer = mail.server();
    }

    @RegisterExtension
    static final TownhallServer server = mail.townhall()
            .with(Setting.NOTIFY_MAIL_DELAY_SECONDS, "0")
            .with(Setting.NOTIFY_MAIL_POLL_SECONDS, "1")
            .with(Setting.NOTIFY_DIGEST_HOUR, "0")
            .with(Setting.NOTIFY_DIGEST_ZONE, "UTC");

    private static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        // today's digests count as gone, so the job leaves them to the test (which sends them itself)
        String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
        server.components().siteSettings.put("notify_digest_daily", today);
        server.components().siteSettings.put("notify_digest_weekly", today);
    }

    private static void fannedOut() {
        Eventually.await(() -> server.components().database.dsl()
                .fetchCount(townhall.db.schema.Tables.OUTBOX, townhall.db.schema.Tables.OUTBOX.TOPIC.eq("notify")) == 0);
    }

    private static String text(MimeMessage message) throws Exception {
        return (String) ((Multipart) message.getContent()).getBodyPart(0).getContent();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theDailyDigestHoldsWhatHappenedInWhatOneFollowsOnceAndOnlyOnce() throws Exception {
        WebClient staff = community.staff("staff");
        Member staffMember = server.components().accountStore.findByUsername(community.usernameOf(staff)).orElseThrow();
        WebClient helper = community.member("helper");
        server.components().helpers.decide(staffMember, community.idOf(helper), "grant", "Knows cables");
        WebClient follower = community.member("follower");
        WebClient asker = community.member("asker");

        long older = community.ask(asker, "Which cable length works best for the studio monitors?",
                "The monitors are three metres from the desk, what length should I buy?", "cables");
        for (WebClient member : new WebClient[] {helper, follower}) {
            assertThat(member.post("/watch", Map.of("target", member == helper ? "unanswered" : "tag",
                    "key", "cables", "level", "watch", "back", "/")).status()).isEqualTo(303);
        }
        long fresh = community.ask(asker, "Does a braided cable reduce the hum on the amplifier?",
                "There is a low hum with the old cable, would braided help?", "cables");
        community.answer(community.member("answerer"), fresh, "Braiding does nothing for hum; a ground loop isolator does.");
        long faqSection = Faqs.section(staff, "Cables");
        Faqs.entry(staff, faqSection, "Which cables come in the box?", "A USB-C cable and a 3.5 mm audio cable.");
        fannedOut();

        int sent = server.components().notify.mail().sendDigest(Delivery.DAILY,
                LocalDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertThat(sent).isEqualTo(2);

        String toFollower = text(mail.await(community.usernameOf(follower) + "@example.com", "Your day at"));
        assertThat(toFollower).contains("In what you follow", "asked “Does a braided cable reduce the hum on the amplifier?”",
                "answered “Does a braided cable reduce the hum on the amplifier?” in a tag or category you follow",
                "New in the FAQ", "Which cables come in the box?");
        assertThat(toFollower).doesNotContain("Unanswered in your tags");

        String toHelper = text(mail.await(community.usernameOf(helper) + "@example.com", "Your day at"));
        assertThat(toHelper).contains("Unanswered in your tags", "/q/" + older + "/");
        assertThat(occurrences(toHelper, "Which cable length works best for the studio monitors?")).isEqualTo(1);
        assertThat(occurrences(toHelper, "Does a braided cable reduce the hum on the amplifier?")).isEqualTo(1);

        // the asker's answer went at once, not in a digest; a second digest has nothing new for the follower
        assertThat(mail.to(community.usernameOf(asker) + "@example.com").stream().map(Mailbox::subject))
                .noneMatch(s -> s.startsWith("Your day"));
        int before = mail.to(community.usernameOf(follower) + "@example.com").size();
        server.components().notify.mail().sendDigest(Delivery.DAILY, LocalDateTime.now(ZoneOffset.UTC).minusDays(1));
        Eventually.pause(2000);
        assertThat(mail.to(community.usernameOf(follower) + "@example.com")).hasSize(before);
    }
}
