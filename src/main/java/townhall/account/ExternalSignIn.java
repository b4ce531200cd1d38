package townhall.account;

import io.javalin.http.Context;

/**
 * Signing in through the brand's identity provider (single sign-on), as far as the account pages must know of it:
 * the sign-in page's button, whether local passwords are off, and where signing out leads. {@code sso} answers it.
 */
public interface ExternalSignIn {
    ExternalSignIn NONE = new ExternalSignIn() {
        @Override
        public String providerName() { return null; }

        @Override
        public boolean only() { return false; }

        @Override
        public String afterSignOut(Context ctx) { return "/"; }
    };

    /** The provider's name on the sign-in button; null when single sign-on is not configured. */
    String providerName();

    /** True when members sign in only through the provider: no sign-up, no local passwords. */
    boolean only();

    /** Where a member goes after the local session ended: a site path, or the provider's sign-out address. */
    String afterSignOut(Context ctx);
}
