package townhall.qa;

/** {@code groupId}: the group that may see a {@link CategoryVisibility#GROUP} category, else null. */
public record Category(long id, String slug, String name, String description, CategoryVisibility visibility,
                       Long groupId) {
    public Category(long id, String slug, String name, String description) {
        this(id, slug, name, description, CategoryVisibility.PUBLIC, null);
    }

    /** Not for everyone: the page says so, and anonymous visitors never get it from the page cache. */
    public boolean restricted() { return visibility != CategoryVisibility.PUBLIC; }
}
