package townhall.app;

import static org.jooq.impl.DSL.max;
import static townhall.db.schema.Tables.FAQ_ENTRIES;
import static townhall.db.schema.Tables.POSTS;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.db.SiteSettingsStore;
import townhall.markdown.LinkPolicy;
import townhall.markdown.MarkdownRenderer;

/**
 * Once per database: posts and FAQ answers saved before outside images became links (see the markdown package's
 * ImagesAsLinks) hold {@code <img src="https://...">}, which the Content-Security-Policy blocks; their stored HTML is
 * passed through the sanitizer again, which turns those images into links, so readers see old and new posts alike.
 * Links in the rewritten posts get {@code rel="nofollow ugc"}, as members' links do.
 */
final class OutsideImageLinks {
    private static final Logger log = LoggerFactory.getLogger(OutsideImageLinks.class);
    private static final String DONE = "outside_images_are_links";

    private OutsideImageLinks() {}

    /** Chunks of posts by id: each statement reads one stretch of the primary key, however large the site. */
    private static final int CHUNK = 5_000;

    /** In the background, so that a start at a million posts does not wait for the scan. */
    static void rewriteOnceInTheBackground(DSLContext db, SiteSettingsStore settings, MarkdownRenderer markdown) {
        if (settings.get(DONE).isPresent()) {
            return;
        }
        Thread.ofVirtual().name("outside-image-links").start(() -> {
            try {
                rewriteOnce(db, settings, markdown);
            } catch (RuntimeException e) {
                log.warn("Turning outside images into links failed; it is tried again at the next start", e);
            }
        });
    }

    static void rewriteOnce(DSLContext db, SiteSettingsStore settings, MarkdownRenderer markdown) {
        if (settings.get(DONE).isPresent()) {
            return;
        }
        int posts = 0;
        Long last = db.select(max(POSTS.ID)).from(POSTS).fetchOne(0, Long.class);
        for (long from = 0; last != null && from < last; from += CHUNK) {
            for (var row : db.select(POSTS.ID, POSTS.BODY_HTML).from(POSTS)
                    .where(POSTS.ID.gt(from)).and(POSTS.ID.le(from + CHUNK))
                    .and(POSTS.BODY_HTML.like("%<img src=\"http%")).fetch()) {
                db.update(POSTS).set(POSTS.BODY_HTML, markdown.sanitizeHtml(row.value2(), LinkPolicy.NOFOLLOW))
                        .where(POSTS.ID.eq(row.value1())).execute();
                posts++;
            }
        }
        int entries = 0;
        for (var row : db.select(FAQ_ENTRIES.ID, FAQ_ENTRIES.ANSWER_HTML).from(FAQ_ENTRIES)
                .where(FAQ_ENTRIES.ANSWER_HTML.like("%<img src=\"http%")).fetch()) {
            db.update(FAQ_ENTRIES).set(FAQ_ENTRIES.ANSWER_HTML, markdown.sanitizeHtml(row.value2(), LinkPolicy.FOLLOW))
                    .where(FAQ_ENTRIES.ID.eq(row.value1())).execute();
            entries++;
        }
        settings.insertIfAbsent(DONE, "1");
        if (posts + entries > 0) {
            log.info("Images from other sites became links in {} posts and {} FAQ answers", posts, entries);
        }
    }
}
