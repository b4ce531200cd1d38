package townhall.ideas;

import static townhall.db.schema.Tables.ANNOUNCEMENTS;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.IDEAS;
import static townhall.db.schema.Tables.IDEA_BOARDS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import townhall.qa.Audience;
import townhall.qa.QuestionStore.SitemapEntry;
import townhall.qa.SitemapRoutes;

/** The sitemap's share of ideas: the lists, the roadmap, each board, each idea not merged, each announcement. */
public final class IdeaSitemap implements SitemapRoutes.SitemapSource {
    private final DSLContext db;

    public IdeaSitemap(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<SitemapEntry> sitemap(int limit) {
        List<SitemapEntry> entries = new ArrayList<>();
        entries.add(new SitemapEntry("/ideas", null));
        entries.add(new SitemapEntry("/roadmap", null));
        entries.add(new SitemapEntry("/announcements", null));
        db.select(CATEGORIES.SLUG).from(IDEA_BOARDS).join(CATEGORIES).on(CATEGORIES.ID.eq(IDEA_BOARDS.CATEGORY_ID))
                .where(Audience.ANONYMOUS.categories(IDEA_BOARDS.CATEGORY_ID))
                .fetch(r -> entries.add(new SitemapEntry("/ideas/" + r.value1(), null)));
        int left = Math.max(0, limit - entries.size());
        db.select(IDEAS.ID, IDEAS.SLUG, IDEAS.STATUS_AT).from(IDEAS).where(IDEAS.MERGED_INTO.isNull())
                .and(Audience.ANONYMOUS.categories(IDEAS.CATEGORY_ID))
                .orderBy(IDEAS.ID.desc()).limit(left / 2)
                .fetch(r -> entries.add(new SitemapEntry(Idea.path(r.value1(), r.value2()), r.value3())));
        db.select(ANNOUNCEMENTS.ID, ANNOUNCEMENTS.SLUG, ANNOUNCEMENTS.UPDATED_AT).from(ANNOUNCEMENTS)
                .where(Audience.ANONYMOUS.categories(ANNOUNCEMENTS.CATEGORY_ID))
                .orderBy(ANNOUNCEMENTS.ID.desc()).limit(left / 2)
                .fetch(r -> entries.add(new SitemapEntry("/announcement/" + r.value1() + "/" + r.value2(), r.value3())));
        return entries;
    }
}
