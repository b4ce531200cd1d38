package townhall.ideas;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A poll with its options and counts; {@code voters} is how many members answered. What a viewer may see of it
 * (results only after voting or closing) is decided by {@link PollService#resultsVisible}.
 */
public record Poll(long id, String subjectKind, long subjectId, String question, boolean multiple,
                   LocalDateTime closesAt, List<Option> options, int voters) {

    public record Option(long id, String label, int votes) {}

    public boolean closedAt(LocalDateTime now) {
        return closesAt != null && !now.isBefore(closesAt);
    }
}
