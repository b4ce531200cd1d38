package townhall.versions;

import java.util.List;

/**
 * A product whose versions answers are checked against ("Northwind One firmware"), on the questions of one category
 * or one tag; its versions newest first, the current one marked.
 */
public record ProductLine(long id, String name, String categoryName, String tagName, List<ProductVersion> versions) {

    /** The current version's name, or null before the first is recorded. */
    public String currentVersion() {
        return versions.stream().filter(ProductVersion::current).map(ProductVersion::name).findFirst().orElse(null);
    }

    public ProductVersion current() {
        return versions.stream().filter(ProductVersion::current).findFirst().orElse(null);
    }
}
