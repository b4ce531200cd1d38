package townhall.account;

import java.util.Locale;

public enum Role {
    MEMBER, STAFF, ADMIN;

    public boolean isStaff() { return this != MEMBER; }

    public boolean isAdmin() { return this == ADMIN; }

    public String dbValue() { return name().toLowerCase(Locale.ROOT); }

    public static Role fromDb(String value) { return valueOf(value.toUpperCase(Locale.ROOT)); }
}
