package townhall.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a kept message from the theme's mail templates ({@code mail/<template>.html} and {@code .txt}, falling
 * back to the default theme's), in the recipient's language, with the brand's name, logo and colours; every link
 * is absolute, on the public base URL.
 */
final class MailRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final MailLook look;
    private final String baseUrl;
    private final Unsubscribes unsubscribes;

    MailRenderer(MailLook look, String baseUrl, Unsubscribes unsubscribes) {
        this.look = look;
        this.baseUrl = baseUrl;
        this.unsubscribes = unsubscribes;
    }

    static String toJson(Map<String, Object> model) {
        try {
            return JSON.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A mail's values must be plain text, numbers and lists: " + e.getMessage(), e);
        }
    }

    Rendered render(MailStore.Message message) {
        MailLook.Look brand = look.current();
        Locale locale = Locale.forLanguageTag(message.language());
        Map<String, Object> model = new HashMap<>(fromJson(message.model()));
        model.put("siteName", brand.siteName());
        model.put("baseUrl", baseUrl);
        model.put("logoUrl", brand.logoPath().isEmpty() ? "" : baseUrl + brand.logoPath());
        model.put("primaryColor", brand.primaryColor());
        model.put("primaryText", brand.primaryText());
        model.put("lang", locale.toLanguageTag());
        // a letter may bring its own one-click link (a kind of notification); else the whole address unsubscribes
        String unsubscribe = !message.bulk() ? null
                : model.get("unsubscribePath") instanceof String path && path.startsWith("/") ? baseUrl + path
                : unsubscribes.link(message.to());
        if (unsubscribe != null) {
            model.put("unsubscribeUrl", unsubscribe);
        }
        String subject = brand.templates().messages().format(locale, "mail." + message.template() + ".subject", model);
        model.put("subject", subject);
        String html = brand.templates().render("mail/" + message.template() + ".html", model, locale);
        String text = brand.templates().render("mail/" + message.template() + ".txt", model, locale);
        return new Rendered(subject, tidy(text), html, messageId(message.id()), unsubscribe);
    }

    /** Plain text as mail programs show it best: no trailing spaces (but the signature's "-- "), one blank line at most. */
    static String tidy(String text) {
        String lines = text.replaceAll("(?m)(?<!^--)[ \t]+$", "");
        return lines.replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    /** The same for every attempt, so a receiver that got a message twice after a crash can tell. */
    private String messageId(long id) {
        String host = URI.create(baseUrl).getHost();
        return "<mail-" + id + "@" + (host == null ? "townhall" : host) + ">";
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A kept mail's values cannot be read: " + e.getMessage(), e);
        }
    }
}
