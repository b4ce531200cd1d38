package townhall.account;

/** A named group of members, managed by administrators; a category can be seen by one group only. */
public record MemberGroup(long id, String name, int members) {}
