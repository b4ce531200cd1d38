package townhall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.config.Setting;
import townhall.support.Community;
import townhall.support.Eventually;
import townhall.support.Mailbox;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Email through a real SMTP server (GreenMail): sent once, in the brand's look, retried through an outage. */
class MailTest {
    private static final Mailbox mail = Mailbox.onFreePort();

    @RegisterExtension
    static final GreenMailExtension smtp = mail.server();

    @RegisterExtension
    static final TownhallServer server = mail.townhall()
            .with(Setting.MAIL_FROM, "Northwind Community <community@northwind.example>")
            .with(Setting.SITE_NAME, "Northwind Community")
            .with(Setting.OUTBOX_LONGEST_PAUSE_SECONDS, "1");

    private static Community community;
    private static WebClient admin;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        admin = community.admin("mailadmin");
    }

    private static Mail mailing() {
        return server.components().mail;
    }

    private static MimeMessage[] received(String to) {
        return mail.to(to).toArray(MimeMessage[]::new);
    }

    @Test
    void anAdminsTestMessageArrivesWithTextAndHtmlInTheBrandsLookAndShowsAsSent() throws Exception {
        WebClient.Response sent = admin.post("/admin/mail/test", Map.of("to", "ops@northwind.example"));
        assertThat(sent.status()).isEqualTo(303);
        Eventually.await(() -> received("ops@northwind.example").length == 1);
        MimeMessage message = received("ops@northwind.example")[0];
        assertThat(message.getSubject()).isEqualTo("Test message from Northwind Community");
        assertThat(message.getFrom()[0].toString()).contains("community@northwind.example");
        assertThat(message.getHeader("Message-ID")[0]).startsWith("<mail-");
        assertThat(message.getHeader("List-Unsubscribe")).isNull(); // not bulk
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(Mailbox.text(message)).contains("Email works").contains("/admin/mail");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = Mailbox.html(message);
        assertThat(html).contains("Northwind Community").contains("#1f5fbf") // the default theme's primary colour
                .contains(server.config().publicBase() + "/admin/mail");

        Document page = admin.page("/admin/mail");
        assertThat(page.select("tr.mail-sent").text()).contains("ops@northwind.example")
                .contains("Test message from Northwind Community");
        assertThat(community.member("mailreader").get("/admin/mail").status()).isEqualTo(403);
    }

    @Test
    void aMessageWrittenDuringAnSmtpOutageIsRetriedAndArrivesOnce() throws Exception {
        smtp.stop();
        try {
            long id = mailing().send(Letter.transactional("outage@northwind.example", null, "en", "test",
                    Map.of("path", "/")));
            Eventually.await(() -> admin.page("/admin/mail").select("tr.mail-queued .field-error").text().contains("attempt"));
            assertThat(admin.page("/admin/mail/" + id).select(".mail-facts").text()).contains("connect to host");
        } finally {
            smtp.start();
        }
        Eventually.await(() -> received("outage@northwind.example").length > 0);
        Thread.sleep(1500); // a second attempt would land within the longest pause
        assertThat(received("outage@northwind.example")).hasSize(1);
        Eventually.await(() -> admin.page("/admin/mail").select("tr.mail-sent").text().contains("outage@northwind.example"));
    }

    @Test
    void bulkMailCarriesOneClickUnsubscribeThatWorksWithoutSigningInAndIsHonoured() throws Exception {
        mailing().send(Letter.bulk("digest@northwind.example", null, "en", "test", Map.of("path", "/")));
        Eventually.await(() -> received("digest@northwind.example").length == 1);
        MimeMessage message = received("digest@northwind.example")[0];
        assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String link = message.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
        String path = link.substring(server.config().publicBase().length());

        WebClient stranger = server.newClient(); // a mail program: no session, no CSRF token
        assertThat(stranger.postRaw(path.replace("&t=", "&t=x"), Map.of("List-Unsubscribe", "One-Click")).status())
                .isEqualTo(404);
        WebClient.Response done = stranger.postRaw(path, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.html().select("[role=status]").text()).contains("digest@northwind.example");

        long skipped = mailing().send(Letter.bulk("digest@northwind.example", null, "en", "test", Map.of("path", "/")));
        Eventually.await(() -> "skipped".equals(mailing().store().find(skipped).orElseThrow().status()));
        mailing().send(Letter.transactional("digest@northwind.example", null, "en", "test", Map.of("path", "/")));
        Eventually.await(() -> received("digest@northwind.example").length == 2); // what they ask for still arrives
    }

    @Test
    void aMessageIsWrittenInTheRecipientsLanguage() throws Exception {
        mailing().send(Letter.transactional("ru@northwind.example", null, "ru", "test", Map.of("path", "/")));
        mailing().send(Letter.transactional("cs@northwind.example", null, "cs", "test", Map.of("path", "/")));
        Eventually.await(() -> received("ru@northwind.example").length == 1 && received("cs@northwind.example").length == 1);
        assertThat(received("ru@northwind.example")[0].getSubject()).isEqualTo("Проверочное письмо от Northwind Community");
        assertThat(received("cs@northwind.example")[0].getSubject()).isEqualTo("Zkušební zpráva od Northwind Community");
    }
}
