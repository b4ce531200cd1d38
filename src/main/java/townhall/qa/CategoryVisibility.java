package townhall.qa;

import java.util.Locale;

/** Who may see a category's questions: see {@link Audience}. */
public enum CategoryVisibility {
    PUBLIC, MEMBERS, STAFF, GROUP;

    public String code() { return name().toLowerCase(Locale.ROOT); }

    /** The stored value; an unknown one counts as staff only, so that a mistake hides rather than shows. */
    public static CategoryVisibility of(String code) {
        for (CategoryVisibility v : values()) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        return code == null ? PUBLIC : STAFF;
    }
}
