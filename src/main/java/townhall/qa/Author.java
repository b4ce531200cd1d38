package townhall.qa;

import org.jooq.Record;
import townhall.account.Role;
import townhall.db.schema.tables.Members;

/** Who wrote something, as shown next to it. */
public record Author(long id, String username, boolean staff, boolean helper) {

    /** The author whose id, username, role and helper columns a row holds, read through the alias {@code member}. */
    public static Author of(Record row, Members member) {
        return new Author(row.get(member.ID), row.get(member.USERNAME), Role.fromDb(row.get(member.ROLE)).isStaff(),
                Boolean.TRUE.equals(row.get(member.HELPER)));
    }
}
