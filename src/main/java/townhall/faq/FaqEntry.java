package townhall.faq;

import java.time.LocalDateTime;
import townhall.qa.Author;
import townhall.qa.QuestionRef;

/** One FAQ entry: a question, its Markdown answer, where it came from, and when staff last reviewed it. */
public record FaqEntry(long id, long sectionId, String sectionTitle, int position, String question, String slug,
                       String answerMd, String answerHtml, QuestionRef source, Long sourceAnswerId,
                       Author reviewedBy, LocalDateTime reviewedAt, LocalDateTime updatedAt, boolean retired) {

    public String path() { return "/faq/" + id + "/" + slug; }
}
