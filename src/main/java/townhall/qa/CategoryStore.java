package townhall.qa;

import static townhall.db.schema.Tables.CATEGORIES;

import java.util.List;
import org.jooq.DSLContext;

public final class CategoryStore {
    private final DSLContext db;

    public CategoryStore(DSLContext db) {
        this.db = db;
    }

    public List<Category> all() {
        return db.selectFrom(CATEGORIES)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME)
                .fetch(r -> new Category(r.getId(), r.getSlug(), r.getName(), r.getDescription()));
    }

    /** Adds the category unless one with the slug exists; returns its id either way. */
    public long ensure(String slug, String name, String description, int position) {
        db.insertInto(CATEGORIES)
                .set(CATEGORIES.SLUG, slug)
                .set(CATEGORIES.NAME, name)
                .set(CATEGORIES.DESCRIPTION, description)
                .set(CATEGORIES.POSITION, position)
                .onDuplicateKeyIgnore()
                .execute();
        return db.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.SLUG.eq(slug)).fetchOne(CATEGORIES.ID);
    }
}
