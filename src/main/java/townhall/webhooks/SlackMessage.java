package townhall.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * An event as a Slack-compatible message ({@code {"text": ...}} with {@code <url|title>} links), which Slack's,
 * Mattermost's and Rocket.Chat's incoming webhooks post into a channel.
 */
final class SlackMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {}

    /** The body for an event's standard payload. */
    static String of(String payload) {
        try {
            JsonNode event = JSON.readTree(payload);
            return JSON.writeValueAsString(Map.of("text", text(event.path("type").asText(), event.path("data"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String type, JsonNode data) {
        String question = link(data.path("url").asText(""), data.path("title").asText(""));
        String who = escape(data.path("author").asText(data.path("username").asText("")));
        return switch (type) {
            case "question.asked" -> "New question by " + who + ": " + question;
            case "answer.posted" -> who + " answered " + question;
            case "answer.accepted" -> "An answer by " + who + " was accepted: " + question;
            case "answer.verified" -> "An answer by " + who + " was verified by staff: " + question;
            case "member.joined" -> link(data.path("url").asText(""), data.path("username").asText("")) + " joined the community";
            default -> "*" + escape(type) + "*" + (question.isEmpty() ? "" : ": " + question);
        };
    }

    private static String link(String url, String text) {
        if (url.isEmpty()) {
            return escape(text);
        }
        return "<" + url + "|" + escape(text.isEmpty() ? url : text).replace("|", "¦") + ">";
    }

    /** Slack's mrkdwn needs only these three escaped. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
