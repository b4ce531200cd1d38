package townhall.brand;

import java.util.Map;
import townhall.account.AccountListener;
import townhall.account.Member;
import townhall.i18n.Text;
import townhall.mail.Letter;
import townhall.mail.Mailer;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;
import townhall.notify.Notifier;

/**
 * Greets every newcomer once their address is confirmed, in the app and by email, with the message staff wrote at
 * /admin/brand (a friendly default until they do) and the guidelines linked.
 */
public final class BrandWelcome implements AccountListener {
    private final BrandService brand;
    private final Mailer mailer;
    private final Notifier notifier;
    private final MarkdownRenderer markdown;
    private final String siteLanguage;

    public BrandWelcome(BrandService brand, Mailer mailer, Notifier notifier, MarkdownRenderer markdown,
                        String siteLanguage) {
        this.brand = brand;
        this.mailer = mailer;
        this.notifier = notifier;
        this.markdown = markdown;
        this.siteLanguage = siteLanguage;
    }

    @Override
    public void confirmed(Member member) {
        Brand settings = brand.current();
        String message = settings.newcomerMarkdown();
        notifier.notify(member.id(), Text.of("notifications.welcome", "site", settings.siteName()), "/guidelines");
        mailer.send(Letter.transactional(member.email(), member.id(),
                member.language() != null ? member.language() : siteLanguage, "welcome", Map.of(
                        "username", member.username(),
                        "messageText", message,
                        "messageHtml", message.isBlank() ? "" : markdown.render(message, LinkPolicy.FOLLOW))));
    }
}
