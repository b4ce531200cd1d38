package townhall.ideas;

/**
 * A category that is an idea board; {@code voteBudget} is the board's own budget or null for the site's setting,
 * {@code budget} the one that applies (0: no limit).
 */
public record IdeaBoard(long categoryId, String slug, String name, String description, Integer voteBudget,
                        int budget, int ideaCount) {
    public String path() { return "/ideas/" + slug; }
}
