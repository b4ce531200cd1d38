package townhall.qa;

import static townhall.db.schema.Tables.CATEGORIES;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import townhall.db.Prepared;

public final class CategoryStore {
    private final DSLContext db;
    private final Prepared<Audience.Kind> visible;

    public CategoryStore(DSLContext db) {
        this.db = db;
        this.visible = new Prepared<>(db, this::visibleQuery);
    }

    /** Every category, whoever may see it: for staff's pages and the sitemap's filter. */
    public List<Category> all() {
        return where(DSL.noCondition());
    }

    /** The categories this reader may see, in their order. */
    public List<Category> visible(Audience audience) {
        return visible.fetch(audience.kind(), java.util.Collections.singletonMap(Audience.READER, audience.reader()))
                .map(CategoryStore::toCategory);
    }

    /** On every page with the category menu: its SQL is rendered once per kind of reader (see {@link Prepared}). */
    private org.jooq.Select<?> visibleQuery(Audience.Kind audience) {
        return db.select(CATEGORIES.fields()).from(CATEGORIES).where(Audience.categories(audience, CATEGORIES.ID))
                .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME);
    }

    /** The category with this slug, if this reader may see it. */
    public Optional<Category> find(String slug, Audience audience) {
        return db.selectFrom(CATEGORIES).where(CATEGORIES.SLUG.eq(slug)).and(audience.categories(CATEGORIES.ID))
                .fetchOptional(CategoryStore::toCategory);
    }

    public Optional<Category> byId(long id) {
        return db.selectFrom(CATEGORIES).where(CATEGORIES.ID.eq(id)).fetchOptional(CategoryStore::toCategory);
    }

    private List<Category> where(Condition condition) {
        return db.selectFrom(CATEGORIES).where(condition)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.NAME)
                .fetch(CategoryStore::toCategory);
    }

    static Category toCategory(Record r) {
        return new Category(r.get(CATEGORIES.ID), r.get(CATEGORIES.SLUG), r.get(CATEGORIES.NAME),
                r.get(CATEGORIES.DESCRIPTION), CategoryVisibility.of(r.get(CATEGORIES.VISIBILITY)),
                r.get(CATEGORIES.GROUP_ID));
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

    public boolean slugTaken(String slug) {
        return db.fetchExists(CATEGORIES, CATEGORIES.SLUG.eq(slug));
    }

    /** The next position: a new category goes last. */
    public int nextPosition() {
        Integer max = db.select(DSL.max(CATEGORIES.POSITION)).from(CATEGORIES).fetchOne(0, Integer.class);
        return max == null ? 1 : max + 1;
    }

    public void setVisibility(long id, CategoryVisibility visibility, Long groupId) {
        db.update(CATEGORIES).set(CATEGORIES.VISIBILITY, visibility.code())
                .set(CATEGORIES.GROUP_ID, visibility == CategoryVisibility.GROUP ? groupId : null)
                .where(CATEGORIES.ID.eq(id)).execute();
    }

    public void describe(long id, String name, String description) {
        db.update(CATEGORIES).set(CATEGORIES.NAME, name).set(CATEGORIES.DESCRIPTION, description)
                .where(CATEGORIES.ID.eq(id)).execute();
    }
}
