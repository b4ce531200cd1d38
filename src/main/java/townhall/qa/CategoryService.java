package townhall.qa;

import java.util.Locale;
import townhall.account.AccessLog;
import townhall.account.GroupStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Categories as administrators keep them: add one, and say who may see it (public, members, staff, a group). A
 * change of who may see it reaches search (the category's questions are reindexed through the outbox) and drops
 * every kept page, in the change's transaction.
 */
public final class CategoryService {
    static final int NAME_MAX = 80;
    static final int DESCRIPTION_MAX = 300;

    private final Database database;
    private final CategoryStore categories;
    private final GroupStore groups;
    private final Privileges privileges;
    private final QaListener listener;
    private final AccessLog log;

    public CategoryService(Database database, CategoryStore categories, GroupStore groups, Privileges privileges,
                           QaListener listener, AccessLog log) {
        this.log = log;
        this.database = database;
        this.categories = categories;
        this.groups = groups;
        this.privileges = privileges;
        this.listener = listener;
    }

    public void requireAllowed(Member actor) {
        if (!privileges.mayManageAccess(actor)) {
            throw new NotAllowed("categories.denied");
        }
    }

    /** Adds a category (public, last in order); returns its id. */
    public long create(Member admin, String name, String description) {
        requireAllowed(admin);
        String cleanName = PostInput.clean(name);
        String cleanDescription = PostInput.clean(description);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (cleanName.isEmpty() || cleanName.length() > NAME_MAX) {
            errors.add("name", "categories.error.name", "max", NAME_MAX);
        }
        if (cleanDescription.length() > DESCRIPTION_MAX) {
            errors.add("description", "categories.error.description", "max", DESCRIPTION_MAX);
        }
        errors.throwIfAny();
        String slug = QuestionLinks.slugOf(cleanName).toLowerCase(Locale.ROOT);
        return database.inTransaction(() -> {
            if (categories.slugTaken(slug)) {
                throw InvalidInput.of("name", "categories.error.taken");
            }
            long id = categories.ensure(slug, cleanName, cleanDescription, categories.nextPosition());
            log.record(admin.id(), "category", null, "+ " + cleanName);
            return id;
        });
    }

    /** Sets who may see the category; {@code group} (a group's id) only for {@link CategoryVisibility#GROUP}. */
    public void setVisibility(Member admin, long categoryId, String visibility, String group) {
        requireAllowed(admin);
        Category category = categories.byId(categoryId).orElseThrow(NotFound::new);
        CategoryVisibility chosen = null;
        for (CategoryVisibility v : CategoryVisibility.values()) {
            if (v.code().equals(visibility)) {
                chosen = v;
            }
        }
        if (chosen == null) {
            throw InvalidInput.of("visibility", "categories.error.visibility");
        }
        Long groupId = null;
        if (chosen == CategoryVisibility.GROUP) {
            try {
                groupId = Long.parseLong(group == null ? "" : group.strip());
            } catch (NumberFormatException e) {
                groupId = null;
            }
            Long wanted = groupId;
            if (wanted == null || groups.find(wanted).isEmpty()) {
                throw InvalidInput.of("group", "categories.error.group");
            }
        }
        CategoryVisibility newVisibility = chosen;
        Long newGroup = groupId;
        if (category.visibility() == newVisibility && java.util.Objects.equals(category.groupId(), newGroup)) {
            return;
        }
        database.inTransaction(() -> {
            categories.setVisibility(category.id(), newVisibility, newGroup);
            listener.categoryChanged(category.id());
            log.record(admin.id(), "category", null, category.name() + ": " + newVisibility.code()
                    + (newGroup == null ? "" : " " + groups.find(newGroup).map(g -> g.name()).orElse("")));
        });
    }
}
