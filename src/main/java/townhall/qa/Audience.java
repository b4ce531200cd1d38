package townhall.qa;

import static org.jooq.impl.DSL.select;
import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.MEMBER_GROUP_MEMBERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import townhall.account.Role;

/**
 * Who reads a page, as category permissions see it: the one place that turns a viewer into the SQL condition every
 * store applies to questions (by their category) and the search filter every search applies. Staff read everything;
 * signed-in members read public and members-only categories and their groups' ones; visitors public ones only.
 * Questions without a category are public. Built per request by {@link CategoryAccess#of}.
 */
public final class Audience {
    private static final String GROUP_TOKEN = "group-";

    /** An anonymous visitor, and what feeds, the sitemap and the page cache show. */
    public static final Audience ANONYMOUS = new Audience(null, false, Set::of);
    /** Staff: every category. */
    public static final Audience STAFF = new Audience(null, true, Set::of);
    /** Any signed-in member, in no group: what a notice or digest meant for many members may show. */
    public static final Audience ANY_MEMBER = new Audience(-1L, false, Set::of);

    private final Long memberId;
    private final boolean staff;
    private final Supplier<Set<Long>> groups;
    private volatile Set<Long> loadedGroups;

    Audience(Long memberId, boolean staff, Supplier<Set<Long>> groups) {
        this.memberId = memberId;
        this.staff = staff;
        this.groups = groups;
    }

    /** The readers for whom {@link #categories} has the same shape (see {@link townhall.db.Prepared}). */
    public enum Kind { STAFF, VISITOR, MEMBER }

    public Kind kind() {
        return staff ? Kind.STAFF : memberId == null ? Kind.VISITOR : Kind.MEMBER;
    }

    /** The value of the parameter {@value #READER} in {@link #categories(Kind, Field)}. */
    public Long reader() {
        return memberId;
    }

    public static final String READER = "reader";

    /** As {@link #categories(Field)} for a kind of reader, the member being the named parameter {@value #READER}. */
    public static Condition categories(Kind kind, Field<Long> categoryId) {
        return switch (kind) {
            case STAFF -> DSL.noCondition();
            case VISITOR -> readableBy(categoryId, null);
            case MEMBER -> readableBy(categoryId, DSL.param(READER, Long.class));
        };
    }

    /** True when nothing is hidden from this reader. */
    public boolean everything() { return staff; }

    /**
     * The condition on a category id column (a question's, an idea board's, an announcement's) that keeps what this
     * reader may see; null categories are public. No query of its own: the member's groups are a subquery.
     */
    public Condition categories(Field<Long> categoryId) {
        return staff ? DSL.noCondition() : readableBy(categoryId, memberId == null ? null : DSL.val(memberId));
    }

    /**
     * The categories (by an id column) a member who is not staff may read: {@code member} is their id as a value or
     * a column of a set-based query (notifications' fan-out), null for a visitor.
     */
    private static Condition readableBy(Field<Long> categoryId, Field<Long> member) {
        Condition readable = CATEGORIES.VISIBILITY.eq(DSL.inline(CategoryVisibility.PUBLIC.code()));
        if (member != null) {
            readable = readable.or(CATEGORIES.VISIBILITY.eq(DSL.inline(CategoryVisibility.MEMBERS.code())))
                    .or(CATEGORIES.VISIBILITY.eq(DSL.inline(CategoryVisibility.GROUP.code()))
                            .and(CATEGORIES.GROUP_ID.in(select(MEMBER_GROUP_MEMBERS.GROUP_ID).from(MEMBER_GROUP_MEMBERS)
                                    .where(MEMBER_GROUP_MEMBERS.MEMBER_ID.eq(member)))));
        }
        return categoryId.isNull().or(categoryId.in(select(CATEGORIES.ID).from(CATEGORIES).where(readable)));
    }

    /**
     * The members (a column of a set-based query) who may see the category (an id column): staff, and whoever its
     * visibility lets in. For notices to many members at once.
     */
    public static Condition readers(Field<Long> member, Field<Long> categoryId) {
        return DSL.exists(DSL.selectOne().from(MEMBERS).where(MEMBERS.ID.eq(member))
                .and(MEMBERS.ROLE.in(Role.STAFF.dbValue(), Role.ADMIN.dbValue()))).or(readableBy(categoryId, member));
    }

    /**
     * The search index's audience values this reader may see (each document holds one, see {@link #token}); null
     * for staff, who see every document. Reads the member's groups once (one small query) when first asked.
     */
    public List<String> searchTokens() {
        if (staff) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        tokens.add(CategoryVisibility.PUBLIC.code());
        if (memberId != null) {
            tokens.add(CategoryVisibility.MEMBERS.code());
            groups().forEach(group -> tokens.add(token(CategoryVisibility.GROUP, group)));
        }
        return tokens;
    }

    /**
     * Whether this reader may see documents holding this audience value (see {@link #token}); reads the member's
     * groups only for a group's value, so a site without group categories asks nothing of the database.
     */
    public boolean maySee(String token) {
        if (staff || CategoryVisibility.PUBLIC.code().equals(token)) {
            return true;
        }
        if (memberId == null) {
            return false;
        }
        if (CategoryVisibility.MEMBERS.code().equals(token)) {
            return true;
        }
        return token.startsWith(GROUP_TOKEN)
                && groups().stream().anyMatch(group -> token(CategoryVisibility.GROUP, group).equals(token));
    }

    private Set<Long> groups() {
        Set<Long> loaded = loadedGroups;
        if (loaded == null) {
            loaded = Set.copyOf(groups.get());
            loadedGroups = loaded;
        }
        return loaded;
    }

    /** The audience value a search document of a category with this visibility holds: "public", "group-3"... */
    public static String token(CategoryVisibility visibility, Long groupId) {
        return visibility == CategoryVisibility.GROUP ? GROUP_TOKEN + groupId : visibility.code();
    }
}
