package townhall.feeds;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import townhall.faq.FaqEntry;
import townhall.faq.FaqStore;
import townhall.qa.Answer;
import townhall.qa.Audience;
import townhall.qa.CategoryStore;
import townhall.qa.Category;
import townhall.qa.QuestionStore;
import townhall.qa.QuestionSummary;

/**
 * What each feed holds, read as an anonymous visitor sees it (no deleted question or answer, no retired FAQ entry,
 * nothing of a category that is not public),
 * each in a bounded number of queries: a list and its tags, a question and its answers, the FAQ's sections.
 */
final class FeedSource {
    private final QuestionStore questions;
    private final CategoryStore categories;
    private final FaqStore faq;
    private final int size;

    FeedSource(QuestionStore questions, CategoryStore categories, FaqStore faq, int size) {
        this.questions = questions;
        this.categories = categories;
        this.faq = faq;
        this.size = size;
    }

    List<FeedItem> newest(String tag, String categorySlug) {
        return list(QuestionStore.Sort.NEWEST, tag, categorySlug);
    }

    List<FeedItem> unanswered() {
        return list(QuestionStore.Sort.UNANSWERED, null, null);
    }

    Optional<Category> category(String slug) {
        return categories.find(slug, Audience.ANONYMOUS);
    }

    private List<FeedItem> list(QuestionStore.Sort sort, String tag, String categorySlug) {
        var query = new QuestionStore.ListQuery(sort, tag, categorySlug, false, false, false, 1, size,
                Audience.ANONYMOUS);
        return questions.list(query).questions().stream().map(FeedSource::item).toList();
    }

    private static FeedItem item(QuestionSummary q) {
        return new FeedItem(q.title(), q.path(), q.author().username(), q.excerpt(), null, q.tags(), q.createdAt(),
                q.lastActivityAt());
    }

    /** A question's answers, newest first; empty when the question is not there for visitors. */
    Optional<QuestionFeed> answers(long questionId) {
        return questions.thread(questionId, Audience.ANONYMOUS, false).filter(thread -> !thread.question().deleted()).map(thread -> {
            String path = thread.question().path();
            List<FeedItem> items = thread.answers().stream()
                    .filter(answer -> !answer.deleted())
                    .sorted(Comparator.comparing(Answer::createdAt).reversed())
                    .limit(size)
                    .map(answer -> new FeedItem(thread.question().title(), path + "#a" + answer.id(),
                            answer.author().username(), null, answer.bodyHtml(), List.of(), answer.createdAt(),
                            answer.editedAt() != null ? answer.editedAt() : answer.createdAt()))
                    .toList();
            return new QuestionFeed(thread.question().title(), path, items);
        });
    }

    record QuestionFeed(String title, String path, List<FeedItem> items) {}

    /** FAQ entries, the most recently changed first. */
    List<FeedItem> faqUpdates() {
        return faq.sections(false).stream().flatMap(section -> section.entries().stream())
                .filter(entry -> !entry.retired())
                .sorted(Comparator.comparing(FaqEntry::updatedAt).reversed())
                .limit(size)
                .map(entry -> new FeedItem(entry.question(), entry.path(), null, null, entry.answerHtml(),
                        List.of(entry.sectionTitle()), entry.updatedAt(), entry.updatedAt()))
                .toList();
    }
}
