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
        return qaPage(baseUrl, question, answers, null);
    }

    /**
     * The same, with {@code checkedAt} the last time staff checked the verified answer again (re-verified it, or
     * marked it still true for a new version): the page's {@code dateModified} is the latest of the question's
     * edit, its verification and that check, and the verified answer's is its own latest edit or check.
     */
    public String qaPage(String baseUrl, Question question, List<Answer> answers, LocalDateTime checkedAt) {
        Question.Verification verification = question.verification();
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("@type", "Question");
        main.put("name", question.title());
        main.put("text", HtmlText.of(question.bodyHtml()));
        main.put("answerCount", question.answerCount());
        main.put("upvoteCount", question.score());
        main.put("dateCreated", iso(question.createdAt()));
        main.put("author", person(question.author()));
        LocalDateTime modified = latest(question.editedAt(), verification == null ? null : verification.at(), checkedAt);
        if (modified != null) {
            main.put("dateModified", iso(modified));
        }
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
            if (verification != null && verification.answerId() == answer.id()) {
                item.put("dateModified", iso(latest(answer.editedAt(), verification.at(), checkedAt)));
            } else if (answer.editedAt() != null) {
                item.put("dateModified", iso(answer.editedAt()));
            }
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

    private static LocalDateTime latest(LocalDateTime... times) {
        LocalDateTime latest = null;
        for (LocalDateTime t : times) {
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    private static Map<String, Object> person(Author author) {
        return Map.of("@type", "Person", "name", author.username());
    }

    private static String iso(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).toString();
    }
}
