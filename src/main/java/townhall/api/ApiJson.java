package townhall.api;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.faq.FaqEntry;
import townhall.qa.Answer;
import townhall.qa.Author;
import townhall.qa.Comment;
import townhall.qa.Question;
import townhall.qa.QuestionSummary;
import townhall.search.SearchHit;

/**
 * The API's JSON shapes, one method per schema of {@code api/openapi.json} (the contract test holds them to it):
 * written out field by field, so that a change to a record never changes the API by accident.
 */
final class ApiJson {
    private ApiJson() {}

    static Map<String, Object> summary(QuestionSummary q, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", q.id());
        json.put("title", q.title());
        json.put("url", base + q.path());
        json.put("excerpt", q.excerpt());
        json.put("author", author(q.author()));
        json.put("score", q.score());
        json.put("answerCount", q.answerCount());
        json.put("viewCount", q.viewCount());
        json.put("accepted", q.accepted());
        json.put("verified", q.verified());
        json.put("closed", q.closed());
        json.put("category", q.categorySlug());
        json.put("tags", q.tags());
        json.put("createdAt", time(q.createdAt()));
        json.put("lastActivityAt", time(q.lastActivityAt()));
        return json;
    }

    static Map<String, Object> question(Question q, List<Answer> answers, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", q.id());
        json.put("title", q.title());
        json.put("url", base + q.path());
        json.put("bodyHtml", q.bodyHtml());
        json.put("author", author(q.author()));
        json.put("score", q.score());
        json.put("viewCount", q.viewCount());
        json.put("category", q.category() == null ? null : q.category().slug());
        json.put("tags", q.tags());
        json.put("acceptedAnswerId", q.acceptedAnswerId());
        json.put("verifiedAnswerId", q.verification() == null ? null : q.verification().answerId());
        json.put("closed", q.closure() != null);
        json.put("createdAt", time(q.createdAt()));
        json.put("editedAt", time(q.editedAt()));
        json.put("comments", q.comments().stream().map(ApiJson::comment).toList());
        json.put("answers", answers.stream().map(ApiJson::answer).toList());
        return json;
    }

    static Map<String, Object> answer(Answer a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.id());
        json.put("bodyHtml", a.bodyHtml());
        json.put("author", author(a.author()));
        json.put("score", a.score());
        json.put("createdAt", time(a.createdAt()));
        json.put("editedAt", time(a.editedAt()));
        json.put("comments", a.comments().stream().map(ApiJson::comment).toList());
        return json;
    }

    static Map<String, Object> comment(Comment c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("bodyHtml", c.bodyHtml());
        json.put("author", author(c.author()));
        json.put("createdAt", time(c.createdAt()));
        return json;
    }

    static Map<String, Object> author(Author a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", a.username());
        json.put("staff", a.staff());
        json.put("helper", a.helper());
        return json;
    }

    static Map<String, Object> hit(SearchHit hit, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", hit.faq() ? "faq" : "question");
        json.put("id", hit.id());
        json.put("title", hit.title());
        json.put("url", base + hit.path());
        json.put("tags", hit.tags());
        json.put("accepted", hit.accepted());
        json.put("verified", hit.verified());
        json.put("score", hit.score());
        json.put("answerCount", hit.answerCount());
        return json;
    }

    static Map<String, Object> faqEntry(FaqEntry entry, String base) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("section", entry.sectionTitle());
        json.put("question", entry.question());
        json.put("answerHtml", entry.answerHtml());
        json.put("url", base + entry.path());
        json.put("updatedAt", time(entry.updatedAt()));
        return json;
    }

    /** Times in UTC, ISO 8601 with a Z: what JSON clients parse without asking. */
    static String time(LocalDateTime time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC).toInstant().toString();
    }
}
