package townhall.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.config.Setting;

/** A real SMTP server (GreenMail) for a test class, and what arrived in it. */
public final class Mailbox {
    private static final Pattern LINK = Pattern.compile(
            "https?://\\S+?(/(?:account/confirm|password/reset)\\?t=[A-Za-z0-9_-]+)");

    private final GreenMailExtension smtp;
    private final int port;

    private Mailbox(int port) {
        this.port = port;
        this.smtp = new GreenMailExtension(new ServerSetup(port, "127.0.0.1", "smtp")).withPerMethodLifecycle(false);
    }

    /**
     * An SMTP server on a free port: each test class its own, so that classes never share mail, and two checkouts
     * can run their suites side by side.
     */
    public static Mailbox onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Mailbox(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** To register with {@code @RegisterExtension}, before the server that sends to it. */
    public GreenMailExtension server() {
        return smtp;
    }

    /** A Townhall that sends its mail here. */
    public TownhallServer townhall() {
        return new TownhallServer().with(Setting.SMTP_HOST, "127.0.0.1").with(Setting.SMTP_PORT, String.valueOf(port))
                .with(Setting.SMTP_SECURITY, "none");
    }

    public List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address)).toList();
    }

    /** The newest message to an address whose subject starts so, once it arrived. */
    public MimeMessage await(String address, String subjectStart) {
        Eventually.await(() -> to(address).stream().anyMatch(m -> subject(m).startsWith(subjectStart)));
        return to(address).stream().filter(m -> subject(m).startsWith(subjectStart)).reduce((a, b) -> b).orElseThrow();
    }

    /** The newest message to anyone whose subject starts so, once it arrived. */
    public MimeMessage await(String subjectStart) {
        Eventually.await(() -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(m -> subject(m).startsWith(subjectStart)));
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith(subjectStart))
                .reduce((a, b) -> b).orElseThrow();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The plain-text part. */
    public static String text(MimeMessage message) {
        return GreenMailUtil.getBody(part(message, 0));
    }

    /** The HTML part. */
    public static String html(MimeMessage message) {
        try {
            return (String) part(message, 1).getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The site path of the confirmation or reset link in a message (mail links use the public base URL). */
    public static String linkPath(MimeMessage message) {
        Matcher link = LINK.matcher(text(message));
        if (!link.find()) {
            throw new AssertionError("no link in: " + text(message));
        }
        return link.group(1);
    }

    private static jakarta.mail.BodyPart part(MimeMessage message, int index) {
        try {
            return ((Multipart) message.getContent()).getBodyPart(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
