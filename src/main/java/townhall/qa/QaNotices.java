package townhall.qa;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import townhall.notify.Kind;
import townhall.notify.Notice;
import townhall.notify.Notifier;

/**
 * Tells members what happened to what they wrote or watch, through {@link Notifier}: answers to the asker,
 * comments to the post's author and earlier commenters, marks, closing and reopening, and edits by someone else
 * to the author, mentions to the named, new posts to watchers. Askers, answerers and commenters watch the question.
 */
public final class QaNotices implements QaListener {
    private static final Pattern MENTION = Pattern.compile(
            "(?<![A-Za-z0-9_.@/-])@([A-Za-z0-9](?:[A-Za-z0-9]|[_.-](?=[A-Za-z0-9])){2,31})");
    private static final int MENTIONS_MAX = 20;

    private final Notifier notifier;
    private final PostStore posts;

    public QaNotices(Notifier notifier, PostStore posts) {
        this.notifier = notifier;
        this.posts = posts;
    }

    /** The names a text mentions ({@code @sam}), at most twenty, each once; not inside an address or a word. */
    static List<String> mentionsIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find() && names.size() < MENTIONS_MAX) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    private static String link(PostStore.PostInfo post) {
        String question = QuestionLinks.path(post.questionId(), post.slug());
        return post.isQuestion() ? question : question + "#a" + post.id();
    }

    @Override
    public void posted(PostStore.PostInfo post) {
        notifier.watchAutomatically(post.authorId(), post.questionId());
        PostStore.Filing filing = posts.filingOf(post.questionId());
        if (post.isQuestion()) {
            notifier.tell(new Notice(Kind.TAGS, "question", post.authorId(), post.questionId(), post.id(), post.title(),
                    link(post), Set.of(), List.of(), filing.tagIds(), filing.categoryId(), false, true, true));
        } else {
            notifier.tell(new Notice(Kind.ANSWER, "answer", post.authorId(), post.questionId(), post.id(), post.title(),
                    link(post), Set.of(post.questionAuthorId()), List.of(), filing.tagIds(), filing.categoryId(),
                    true, true, false));
        }
    }

    @Override
    public void textWritten(PostStore.PostInfo post, String text) {
        List<String> named = mentionsIn(text);
        if (!named.isEmpty()) {
            notifier.tell(new Notice(Kind.MENTION, "post", post.authorId(), post.questionId(), post.id(), post.title(),
                    link(post), Set.of(), named, List.of(), null, false, false, false));
        }
    }

    @Override
    public void commentAdded(PostStore.PostInfo post, long commentId, long authorId, String text) {
        notifier.watchAutomatically(authorId, post.questionId());
        Set<Long> repliedTo = posts.commentersOf(post.id());
        repliedTo.remove(post.authorId());
        notifier.tell(new Notice(Kind.COMMENT, "comment", authorId, post.questionId(), post.id(), post.title(),
                link(post), Set.of(post.authorId()), mentionsIn(text), List.of(), null, true, false, false));
        if (!repliedTo.isEmpty()) {
            notifier.tell(Notice.direct(Kind.COMMENT, "reply", authorId, post.questionId(), post.id(), post.title(),
                    link(post), repliedTo));
        }
    }

    @Override
    public void acceptChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long actorId) {
        marked(question, previousAnswerId, answerId, actorId, "accepted", "unaccepted");
    }

    @Override
    public void verifyChanged(PostStore.PostInfo question, Long previousAnswerId, Long answerId, long staffId) {
        marked(question, previousAnswerId, answerId, staffId, "verified", "unverified");
    }

    private void marked(PostStore.PostInfo post, Long previous, Long now, long actorId, String given, String taken) {
        if (previous != null) {
            posts.info(previous).ifPresent(answer -> notifier.tell(Notice.direct(Kind.MARK, taken, actorId,
                    post.questionId(), answer.id(), post.title(), link(answer), Set.of(answer.authorId()))));
        }
        if (now != null) {
            posts.info(now).ifPresent(answer -> notifier.tell(Notice.direct(Kind.MARK, given, actorId,
                    post.questionId(), answer.id(), post.title(), link(answer), Set.of(answer.authorId()))));
        }
    }

    @Override
    public void closeChanged(PostStore.PostInfo question, boolean closed, Long duplicateOf, long actorId) {
        String what = !closed ? "reopened" : duplicateOf != null ? "duplicate" : "closed";
        notifier.tell(Notice.direct(Kind.CLOSING, what, actorId, question.questionId(), question.id(),
                question.title(), link(question), Set.of(question.questionAuthorId())));
    }

    @Override
    public void edited(PostStore.PostInfo post, long editorId) {
        if (post.authorId() != editorId) {
            notifier.tell(Notice.direct(Kind.EDIT, post.isQuestion() ? "question" : "answer", editorId,
                    post.questionId(), post.id(), post.title(), link(post), new HashSet<>(Set.of(post.authorId()))));
        }
    }
}
