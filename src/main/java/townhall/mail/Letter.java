package townhall.mail;

import java.util.Map;

/**
 * A message to write: to whom (an address, and the member when there is one), in which language, from which
 * templates ({@code mail/<template>.html} and {@code .txt} of the theme, subject {@code mail.<template>.subject}),
 * with which values. Values are plain (text, numbers, site paths); templates escape them. A bulk letter carries
 * List-Unsubscribe and is not sent to an address that unsubscribed; its one-click link unsubscribes the address, or
 * does what the site path in the model's {@code unsubscribePath} does (a member's one kind of notification).
 */
public record Letter(String to, Long memberId, String language, String template, Map<String, Object> model,
                     boolean bulk) {
    public static Letter transactional(String to, Long memberId, String language, String template,
                                       Map<String, Object> model) {
        return new Letter(to, memberId, language, template, model, false);
    }

    public static Letter bulk(String to, Long memberId, String language, String template, Map<String, Object> model) {
        return new Letter(to, memberId, language, template, model, true);
    }
}
