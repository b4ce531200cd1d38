package townhall.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.markdown.HtmlText;

/** schema.org JSON-LD for search engines: a question page is a {@code QAPage}. */
public final class StructuredData {
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;

    public StructuredData(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The JSON-LD of a question page, safe to place inside a script element. */
    public String qaPage(Question question, List<Answer> answers) {
        return qaPage(baseUrl, question, answers);
    }

    /** The same, for the public address {@code baseUrl} a request was answered under (no trailing slash). */
    public String qaPage(String baseUrl, Question question, List<Answer> answers) {
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("@type", "Question");
        main.put("name", question.title());
        main.put("text", HtmlText.of(question.bodyHtml()));
        main.put("answerCount", question.answerCount());
        main.put("upvoteCount", question.score());
        main.put("dateCreated", iso(question.createdAt()));
        main.put("author", person(question.author()));
        List<Map<String, Object>> suggested = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.deleted()) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@type", "Answer");
            item.put("text", HtmlText.of(answer.bodyHtml()));
            item.put("dateCreated", iso(answer.createdAt()));
            item.put("upvoteCount", answer.score());
            item.put("url", baseUrl + question.path() + "#a" + answer.id());
            item.put("author", person(answer.author()));
            if (Long.valueOf(answer.id()).equals(question.acceptedAnswerId())) {
                main.put("acceptedAnswer", item);
            } else {
                suggested.add(item);
            }
        }
        if (!suggested.isEmpty()) {
            main.put("suggestedAnswer", suggested);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("@context", "https://schema.org");
        page.put("@type", "QAPage");
        page.put("mainEntity", main);
        try {
            // "<" as an escape keeps "</script>" in user text from ending the script element
            return json.writeValueAsString(page).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> person(Author author) {
        return Map.of("@type", "Person", "name", author.username());
    }

    private static String iso(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).toString();
    }
}
