package townhall.qa;

/** Who wrote something, as shown next to it. */
public record Author(long id, String username, boolean staff, boolean helper) {}
