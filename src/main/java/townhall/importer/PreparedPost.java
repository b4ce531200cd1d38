package townhall.importer;

import java.time.LocalDateTime;
import java.util.List;

/** A post ready to insert but for the ids that only the writing thread knows. */
record PreparedPost(long externalId, boolean question, Long parentId, ImportStore.NewPost post, String title,
                    String slug, String excerpt, List<String> tags, Long acceptedAnswerId, int viewCount,
                    LocalDateTime lastActivityAt, LocalDateTime closedAt, LocalDateTime revisedAt) {}
