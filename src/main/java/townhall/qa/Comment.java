package townhall.qa;

import java.time.LocalDateTime;

public record Comment(long id, long postId, Author author, String bodyHtml, LocalDateTime createdAt) {}
