package townhall.sso;

import townhall.config.Config;
import townhall.config.Setting;

/** How Townhall talks to the brand's OpenID provider (see the README's single sign-on section). */
record SsoSettings(String issuer, String clientId, String clientSecret, String name, boolean only, String groupsClaim,
                   String staffGroup, boolean providerSignOut) {

    static SsoSettings from(Config config) {
        return new SsoSettings(config.get(Setting.SSO_ISSUER).strip(), config.get(Setting.SSO_CLIENT_ID).strip(),
                config.get(Setting.SSO_CLIENT_SECRET), config.get(Setting.SSO_NAME).strip(),
                config.getBoolean(Setting.SSO_ONLY), config.get(Setting.SSO_GROUPS_CLAIM).strip(),
                config.get(Setting.SSO_STAFF_GROUP).strip(), config.getBoolean(Setting.SSO_PROVIDER_SIGNOUT));
    }

    boolean enabled() {
        return !issuer.isEmpty() && !clientId.isEmpty();
    }
}
