package townhall.importer;

import java.util.List;
import java.util.Map;

/**
 * A batch of Posts.xml, prepared: its posts to write, with the local ids of the parents earlier runs and phases
 * stored, and the member who closes its closed questions (null when none is closed).
 */
record PostBatch(int rows, int alreadyImported, int skipped, List<PreparedPost> posts, Map<Long, Long> knownParents,
                 Long closer) {}
