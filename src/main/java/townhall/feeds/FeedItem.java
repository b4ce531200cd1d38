package townhall.feeds;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One entry of a feed, as a visitor may see it. {@code path}: the site path it links to; {@code html}: sanitized HTML
 * (the post as rendered on save) or null; {@code summary}: plain text; {@code updatedAt}: for Atom's {@code updated}.
 */
record FeedItem(String title, String path, String author, String summary, String html, List<String> categories,
                LocalDateTime publishedAt, LocalDateTime updatedAt) {}
