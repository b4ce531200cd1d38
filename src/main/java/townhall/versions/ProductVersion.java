package townhall.versions;

import java.time.LocalDate;

/** One recorded version of a product line ("4.3", released on a day); the newest recorded one is current. */
public record ProductVersion(long id, long lineId, String name, LocalDate releasedOn, boolean current) {}
