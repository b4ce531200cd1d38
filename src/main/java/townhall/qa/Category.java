package townhall.qa;

public record Category(long id, String slug, String name, String description) {}
