package townhall.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.db.schema.Tables.NOTIFICATIONS;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.Mailbox;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

class NotificationsTest {
    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension smtpServer;
    private static final Mailbox mail;

    static {
        mail = Mailbox.onFreePort();
        smtpServer = mail.server();
    }

    @RegisterExtension
    static final TownhallServer server = mail.townhall()
            .with(Setting.NOTIFY_MAIL_DELAY_SECONDS, "1")
            .with(Setting.NOTIFY_MAIL_POLL_SECONDS, "1");

    private static Community community;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
    }

    /** Waits until every notice written so far has been fanned out. */
    private static void fannedOut() {
        Eventually.await(() -> server.components().database.dsl()
                .fetchCount(townhall.db.schema.Tables.OUTBOX, townhall.db.schema.Tables.OUTBOX.TOPIC.eq("notify")) == 0);
    }

    private static List<String> kindsOf(WebClient member, long questionId) {
        fannedOut();
        return server.components().database.dsl().select(NOTIFICATIONS.KIND).from(NOTIFICATIONS)
                .where(NOTIFICATIONS.MEMBER_ID.eq(community.idOf(member)))
                .and(NOTIFICATIONS.QUESTION_ID.eq(questionId)).orderBy(NOTIFICATIONS.ID).fetch(NOTIFICATIONS.KIND);
    }

    private static void watch(WebClient member, String target, String key, String level) {
        assertThat(member.post("/watch", Map.of("target", target, "key", key, "level", level, "back", "/"))
                .status()).isEqualTo(303);
    }

    @Test
    void anAnswerReachesTheAskerAndTheQuestionsWatchersButNeverTheAnswerer() {
        WebClient asker = community.member("asker");
        WebClient answerer = community.member("answerer");
        WebClient follower = community.member("follower");
        WebClient bystander = community.member("bystander");
        long q = community.ask(asker, "Why does my speaker hum when charging?");
        watch(follower, "question", String.valueOf(q), "watch");
        community.answer(answerer, q, "A ground loop from the charger causes that hum; try another outlet.");

        assertThat(kindsOf(asker, q)).containsExactly("answer");
        assertThat(kindsOf(follower, q)).containsExactly("watched");
        assertThat(kindsOf(answerer, q)).isEmpty();
        assertThat(kindsOf(bystander, q)).isEmpty();

        // the answerer now watches the question; the asker's comment reaches them but not the asker
        assertThat(asker.post("/posts/" + q + "/comments", Map.of("comment", "Thanks, which outlet do you mean?")).status())
                .isEqualTo(303);
        assertThat(kindsOf(answerer, q)).containsExactly("watched");
        assertThat(kindsOf(asker, q)).containsExactly("answer");
    }

    @Test
    void aMuteWinsOverAWatch() {
        WebClient asker = community.member("asker");
        WebClient answerer = community.member("answerer");
        WebClient tagFan = community.member("tagfan");
        WebClient quiet = community.member("quiet");
        community.ask(community.member("first"), "Earbuds case does not close any more", "The lid stays open, why?", "earbuds");
        watch(tagFan, "tag", "earbuds", "watch");
        watch(quiet, "tag", "earbuds", "watch");
        watch(quiet, "category", "general", "mute");
        long q = community.ask(asker, "Earbuds disconnect every few minutes", "They drop the connection all the time, why?",
                "earbuds");
        assertThat(kindsOf(tagFan, q)).containsExactly("tags");
        assertThat(kindsOf(quiet, q)).isEmpty();

        watch(tagFan, "question", String.valueOf(q), "mute");
        community.answer(answerer, q, "Turn off the battery saver; it cuts the radio when idle.");
        assertThat(kindsOf(tagFan, q)).containsExactly("tags");
        // the asker who muted their own question hears nothing more of it either
        watch(asker, "question", String.valueOf(q), "mute");
        community.answer(community.member("other"), q, "A firmware update fixed that for me last month.");
        assertThat(kindsOf(asker, q)).containsExactly("answer");
    }

    @Test
    void alikeNotificationsShowAsOneLineThatCountsThem() {
        WebClient asker = community.member("asker");
        long q = community.ask(asker, "Which case fits the new tablet model?");
        for (int i = 0; i < 3; i++) {
            community.answer(community.member("helper"), q, "The folio case number " + i + " fits it well, I use it.");
        }
        fannedOut();
        String page = asker.get("/notifications").body();
        assertThat(page).contains("3 new answers to your question “Which case fits the new tablet model?”");
        assertThat(page.split("Which case fits the new tablet model").length - 1).isEqualTo(1);
    }

    @Test
    void mentionsReachTheNamedMemberWhateverTheCase() {
        WebClient asker = community.member("asker");
        WebClient named = community.member("named");
        long q = community.ask(asker, "Is the charger compatible with older phones?",
                "Maybe @" + community.usernameOf(named).toUpperCase() + " knows, and @nobody-here does not exist.",
                "charger");
        assertThat(kindsOf(named, q)).containsExactly("mention");
        assertThat(kindsOf(asker, q)).isEmpty();
    }

    @Test
    void theAskerIsEmailedInTheirLanguageWithAWorkingLink() throws Exception {
        WebClient asker = community.member("ruasker");
        server.components().accountStore.setLanguage(community.idOf(asker), "ru");
        long q = community.ask(asker, "Как сбросить наушники к заводским настройкам?");
        long a = community.answer(community.member("answerer"), q, "Зажмите обе кнопки на десять секунд, пока не мигнёт.");
        MimeMessage letter = mail.await(community.usernameOf(asker) + "@example.com", "На ваш вопрос ответили");
        String text = (String) ((jakarta.mail.Multipart) letter.getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("ответил(а) на ваш вопрос «Как сбросить наушники к заводским настройкам?»");
        java.util.regex.Matcher found = java.util.regex.Pattern.compile("https?://\\S+/q/" + q + "/\\S+").matcher(text);
        assertThat(found.find()).as(text).isTrue();
        String link = found.group();
        java.net.URI uri = java.net.URI.create(link);
        assertThat(link).startsWith(server.config().publicBase()).endsWith("#a" + a);
        assertThat(asker.get(uri.getRawPath()).status()).isEqualTo(200);
        assertThat(letter.getHeader("List-Unsubscribe")[0]).contains("/notifications/unsubscribe?m=");
        assertThat(letter.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void oneClickUnsubscribeStopsThatKindOfEmailOnly() throws Exception {
        WebClient asker = community.member("unsub");
        String address = community.usernameOf(asker) + "@example.com";
        long q = community.ask(asker, "Does the soundbar support optical input?");
        community.answer(community.member("answerer"), q, "Yes, there is an optical port at the back of it.");
        MimeMessage letter = mail.await(address, "Your question has a new answer");
        String unsubscribe = letter.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
        WebClient mailProgram = server.newClient();
        java.net.URI uri = java.net.URI.create(unsubscribe);
        assertThat(mailProgram.postRaw(uri.getRawPath() + "?" + uri.getRawQuery(),
                Map.of("List-Unsubscribe", "One-Click")).status()).isEqualTo(200);
        assertThat(server.components().notify.watches().deliveries(community.idOf(asker)))
                .containsEntry(Kind.ANSWER, Delivery.NEVER).containsEntry(Kind.COMMENT, Delivery.NOW);

        int before = mail.to(address).size();
        community.answer(community.member("answerer"), q, "Also HDMI ARC, if your television has it.");
        fannedOut();
        Eventually.pause(3000);
        assertThat(mail.to(address)).hasSize(before);
        // a forged link does nothing
        assertThat(mailProgram.postRaw("/notifications/unsubscribe?m=1&k=answer&t=forged", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void whatWasReadOnTheSiteIsNotEmailed() {
        WebClient asker = community.member("reader");
        String address = community.usernameOf(asker) + "@example.com";
        assertThat(asker.post("/settings/notifications", Map.of("kind.answer", "daily")).status()).isEqualTo(303);
        long q = community.ask(asker, "How long does the battery last on standby?");
        community.answer(community.member("answerer"), q, "About three weeks if Bluetooth is switched off.");
        assertThat(kindsOf(asker, q)).containsExactly("answer");
        String page = asker.get("/settings/notifications").body();
        assertThat(page).contains("<option value=\"daily\" selected>");
        Eventually.pause(2500); // past the mail delay: an answer wanted daily is not mailed at once
        assertThat(mail.to(address).stream().map(Mailbox::subject)).noneMatch(subject -> subject.startsWith("Your question"));
        asker.get(asker.get("/q/" + q + "/x").location()); // reading the question marks it read
        assertThat(server.components().notify.store().unread(community.idOf(asker))).isZero();
        server.components().notify.mail().sendDigest(Delivery.DAILY, java.time.LocalDateTime.now().minusDays(1));
        Eventually.pause(1500);
        assertThat(mail.to(address).stream().map(Mailbox::subject)).noneMatch(subject -> subject.startsWith("Your day"));
    }

    @Test
    void anAskerWithAnswersButNoneAcceptedIsAskedOnceAndAcceptsWithOneClick() {
        WebClient asker = community.member("followed");
        long solved = community.ask(asker, "How do I turn off the voice prompts on the headset?");
        long answer = community.answer(community.member("answerer"), solved, "Hold the minus key for five seconds.");
        long open = community.ask(asker, "Why does the headset echo during calls on the laptop?");
        community.answer(community.member("answerer"), open, "Lower the microphone gain in the app's settings.");
        long fresh = community.ask(asker, "Can I charge the headset while using it?");
        community.answer(community.member("answerer"), fresh, "Yes, it plays while charging over USB-C.");
        var db = server.components().database.dsl();
        db.update(townhall.db.schema.Tables.POSTS).set(townhall.db.schema.Tables.POSTS.CREATED_AT,
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(4))
                .where(townhall.db.schema.Tables.POSTS.ID.in(solved, open)).execute();

        server.components().followUps.sweep();
        server.components().followUps.sweep(); // once only
        assertThat(kindsOf(asker, solved)).containsExactly("answer", "followup");
        assertThat(kindsOf(asker, open)).containsExactly("answer", "followup");
        assertThat(kindsOf(asker, fresh)).containsExactly("answer");
        mail.await(community.usernameOf(asker) + "@example.com", "Did an answer solve your question?");

        assertThat(community.member("stranger").get("/followup/" + solved).status()).isEqualTo(403);
        assertThat(asker.get("/followup/" + solved).body()).contains("Did one of these answers solve your question?",
                "Hold the minus key for five seconds.");
        assertThat(asker.post("/followup/" + solved + "/accept", Map.of("answer", String.valueOf(answer))).status())
                .isEqualTo(303);
        assertThat(asker.post("/followup/" + open + "/unsolved", Map.of()).status()).isEqualTo(303);
        assertThat(server.components().followUps.outcomeOf(solved)).contains("accepted");
        assertThat(server.components().followUps.outcomeOf(open)).contains("unsolved");
        // and the insight dashboard counts the askers' answers among its satisfaction figures
        var satisfaction = townhall.db.schema.Tables.INSIGHT_SATISFACTION;
        assertThat(db.select(satisfaction.QUESTION_ID, satisfaction.SOLVED).from(satisfaction)
                .where(satisfaction.QUESTION_ID.in(solved, open)).orderBy(satisfaction.QUESTION_ID)
                .fetch(r -> r.value1() + ":" + r.value2())).containsExactly(solved + ":true", open + ":false");
        assertThat(asker.get("/followup/" + solved).body()).contains("The answer is marked as accepted");
        assertThat(db.select(townhall.db.schema.Tables.QUESTIONS.ACCEPTED_ANSWER_ID).from(townhall.db.schema.Tables.QUESTIONS)
                .where(townhall.db.schema.Tables.QUESTIONS.ID.eq(solved)).fetchOne().value1()).isEqualTo(answer);
    }

    @Test
    void typingAMentionSuggestsMembersWhoseNameBeginsSo() {
        WebClient writer = community.member("writer");
        String named = community.usernameOf(community.member("zelda"));
        String body = writer.get("/notifications/mentions?q=" + named.substring(0, 4).toUpperCase()).body();
        assertThat(body).contains("\"" + named + "\"");
        assertThat(writer.get("/notifications/mentions?q=z").body()).isEqualTo("[]");
        assertThat(writer.get("/notifications/mentions?q=%25").body()).isEqualTo("[]");
        assertThat(server.newClient().get("/notifications/mentions?q=zel").status()).isNotEqualTo(200);
    }

    /** Every notification of the question, as (member, kind, message key) lines, once fanned out. */
    private static List<String> told(long questionId) {
        fannedOut();
        return server.components().database.dsl().select(NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.KIND, NOTIFICATIONS.MESSAGE)
                .from(NOTIFICATIONS).where(NOTIFICATIONS.QUESTION_ID.eq(questionId)).orderBy(NOTIFICATIONS.ID)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3().replaceAll("\\?.*$", ""));
    }

    @Test
    void marksClosingEditsAndRepliesReachTheirAuthorOnlyAndNeverTheActor() {
        WebClient asker = community.member("asker");
        WebClient author = community.member("author");
        WebClient commenter = community.member("commenter");
        WebClient staff = community.staff("staff");
        long asked = community.idOf(asker), wrote = community.idOf(author), said = community.idOf(commenter);
        long q = community.ask(asker, "Does the app keep my equaliser presets after an update?");
        long a = community.answer(author, q, "Yes, presets are stored on the headphones themselves.");
        long original = community.ask(community.member("earlier"), "Are equaliser presets lost when updating the app?");
        List<String> before = told(q);

        assertThat(commenter.post("/posts/" + a + "/comments", Map.of("comment", "Is that true for the old model too?"))
                .status()).isEqualTo(303);
        assertThat(author.post("/posts/" + a + "/comments", Map.of("comment", "Yes, for every model since 2020."))
                .status()).isEqualTo(303); // a reply to the commenter; the author is the actor, so not told
        assertThat(asker.post("/posts/" + a + "/accept", Map.of()).status()).isEqualTo(303);
        assertThat(asker.post("/q/" + q + "/unaccept", Map.of()).status()).isEqualTo(303);
        assertThat(staff.post("/posts/" + a + "/verify", Map.of("note", "")).status()).isEqualTo(303);
        assertThat(staff.post("/q/" + q + "/unverify", Map.of()).status()).isEqualTo(303);
        assertThat(staff.post("/posts/" + a + "/edit", Map.of("body", "Yes: presets are stored on the headphones themselves.",
                "reason", "")).status()).isEqualTo(303);
        assertThat(author.post("/posts/" + a + "/edit", Map.of("body", "Yes: presets live on the headphones themselves.",
                "reason", "")).status()).isEqualTo(303); // one's own edit tells nobody
        assertThat(staff.post("/q/" + q + "/close", Map.of("duplicateOf", String.valueOf(original), "reason", ""))
                .status()).isEqualTo(303);
        assertThat(staff.post("/q/" + q + "/reopen", Map.of()).status()).isEqualTo(303);

        List<String> after = told(q).subList(before.size(), told(q).size());
        assertThat(after).containsExactlyInAnyOrder(
                wrote + " comment notifications.comment.comment",        // on the author's answer
                asked + " watched notifications.watched.comment",        // the asker follows the question
                said + " comment notifications.comment.reply",           // the author replied to the commenter
                asked + " watched notifications.watched.comment",
                wrote + " mark notifications.mark.accepted",
                wrote + " mark notifications.mark.unaccepted",
                wrote + " mark notifications.mark.verified",
                wrote + " mark notifications.mark.unverified",
                wrote + " edit notifications.edit.answer",
                asked + " closing notifications.closing.duplicate",
                asked + " closing notifications.closing.reopened");
    }
}
