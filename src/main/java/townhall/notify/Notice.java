package townhall.notify;

import java.util.List;
import java.util.Set;

/**
 * Something that happened, as a feature tells it: which {@code kind} its direct recipients ({@code to}) get, and
 * which watchers hear of it. {@code what} names the happening within the kind (answer, comment, reply, accepted,
 * verified, duplicate, reopened, question...); the message shown is {@code notifications.<kind>.<what>} with the
 * actor's name (looked up by the fan-out), the question's title and, when grouped, a count. The actor is never told of their own doing.
 * Watchers: of the question ({@code questionWatchers}), of its tags and category ({@code tagWatchers}), and the
 * Helpers who watch its tags' unanswered questions ({@code unansweredWatchers}, for a new question).
 */
public record Notice(Kind kind, String what, long actorId, long questionId, long postId,
                     String title, String link, Set<Long> to, List<String> mentioned, List<Long> tagIds,
                     Long categoryId, boolean questionWatchers, boolean tagWatchers, boolean unansweredWatchers) {
    public Notice {
        to = Set.copyOf(to);
        mentioned = List.copyOf(mentioned);
        tagIds = List.copyOf(tagIds);
    }

    /** A notice to some members only, no watcher. */
    public static Notice direct(Kind kind, String what, long actorId, long questionId, long postId,
                                String title, String link, Set<Long> to) {
        return new Notice(kind, what, actorId, questionId, postId, title, link, to, List.of(), List.of(),
                null, false, false, false);
    }
}
