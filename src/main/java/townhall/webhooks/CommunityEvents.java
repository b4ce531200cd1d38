package townhall.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import townhall.account.AccountListener;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.events.EventType;
import townhall.events.Events;
import townhall.qa.PostStore;
import townhall.qa.QaListener;
import townhall.qa.QuestionLinks;

/**
 * Emits the events of Q&A and accounts as they happen, inside their transactions: a question asked, an answer
 * posted, accepted or verified, a member who joined (confirmed their address, so sign-ups never confirmed are not
 * announced). Other features emit theirs through {@link Events} themselves.
 */
public final class CommunityEvents implements QaListener, AccountListener {
    private final Events events;
    private final AccountStore accounts;
    private final String base;

    /** {@code base}: the site's public address, for the links in events. */
    public CommunityEvents(Events events, AccountStore accounts, String base) {
        this.events = events;
        this.accounts = accounts;
        this.base = base;
    }

    @Override
    public void posted(PostStore.PostInfo post) {
        if (post.deleted() || post.questionDeleted()) { // a post held for review is announced when approved
            return;
        }
        if (post.isQuestion()) {
            events.emit(EventType.QUESTION_ASKED, post.id(), question(post, post.authorId()));
        } else {
            Map<String, Object> data = question(post, post.authorId());
            data.put("answerId", post.id());
            data.put("url", answerUrl(post, post.id()));
            events.emit(EventType.ANSWER_POSTED, post.id(), data);
        }
    }

    @Override
    public void acceptChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long actorId) {
        if (answerId != null) {
            events.emit(EventType.ANSWER_ACCEPTED, answerId, marked(question, answerId, actorId, "acceptedBy"));
        }
    }

    @Override
    public void verifyChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long staffId) {
        if (answerId != null) {
            events.emit(EventType.ANSWER_VERIFIED, answerId, marked(question, answerId, staffId, "verifiedBy"));
        }
    }

    @Override
    public void confirmed(Member member) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("username", member.username());
        data.put("url", base + "/u/" + member.username());
        events.emit(EventType.MEMBER_JOINED, member.id(), data);
    }

    private Map<String, Object> marked(PostStore.PostInfo question, long answerId, long actorId, String actorKey) {
        Map<String, Object> data = question(question, null);
        data.put("answerId", answerId);
        data.put("url", answerUrl(question, answerId));
        data.put(actorKey, username(actorId));
        return data;
    }

    /** The question's public facts; {@code authorId} when the event is about a post of that author. */
    private Map<String, Object> question(PostStore.PostInfo post, Long authorId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("questionId", post.questionId());
        data.put("title", post.title());
        data.put("url", base + QuestionLinks.path(post.questionId(), post.slug()));
        if (authorId != null) {
            data.put("author", username(authorId));
        }
        return data;
    }

    private String answerUrl(PostStore.PostInfo post, long answerId) {
        return base + QuestionLinks.path(post.questionId(), post.slug()) + "#a" + answerId;
    }

    private String username(long memberId) {
        return accounts.findById(memberId).map(Member::username).orElse("");
    }
}
