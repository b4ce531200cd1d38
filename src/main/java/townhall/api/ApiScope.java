package townhall.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import townhall.account.Member;

/** What an API token may do, within its owner's own rights (which the services check as for the pages). */
public enum ApiScope {
    /** Read what the owner may read: questions, search, FAQ, their notifications. */
    READ,
    /** Ask, answer, comment, vote and accept, as the owner. */
    WRITE,
    /** Staff actions such as verifying an answer; only for staff. */
    MODERATE,
    /** Administration; only for administrators. */
    ADMIN;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a member of this standing may give a token this scope. */
    public boolean grantableTo(Member owner) {
        return switch (this) {
            case READ, WRITE -> true;
            case MODERATE -> owner.isStaff();
            case ADMIN -> owner.isAdmin();
        };
    }

    public static Set<ApiScope> grantableScopes(Member owner) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (ApiScope scope : values()) {
            if (scope.grantableTo(owner)) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    static ApiScope parse(String key) {
        for (ApiScope scope : values()) {
            if (scope.key().equals(key)) {
                return scope;
            }
        }
        return null;
    }
}
