package townhall.notify;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A section of the digest that a feature above fills (wired in app/): Q&A's top unanswered questions in the tags a
 * Helper looks after, the FAQ's new entries. Answers for all of a digest's members at once, in a bounded number of
 * queries.
 */
public interface DigestSection {
    /** The message key of the section's heading. */
    String heading();

    /**
     * Lines per member: {@code members} get the digest; {@code unansweredTags} are the tags each Helper among them
     * watches for unanswered questions; {@code since} is the previous digest of this period.
     */
    Map<Long, List<Line>> lines(Set<Long> members, Map<Long, Set<Long>> unansweredTags, LocalDateTime since);

    /** One line: its text is {@code notify.digest.line} with the title; {@code questionId} (or null) for dedup. */
    record Line(String title, String path, Long questionId) {}
}
