package townhall.app;

import java.time.Clock;
import java.time.Duration;
import townhall.account.AccountService;
import townhall.account.AccountStore;
import townhall.account.PasswordHasher;
import townhall.account.SignInLimiter;
import townhall.db.Database;
import townhall.qa.CategoryStore;

/** The stores and services over one database, wired by hand; shared by the web server and the commands. */
public final class Components {
    public final Config config;
    public final Clock clock;
    public final Database database;
    public final SiteSettingsStore siteSettings;
    public final AccountStore accountStore;
    public final AccountService accounts;
    public final CategoryStore categories;

    public Components(Config config, Database database, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.siteSettings = new SiteSettingsStore(database.dsl());
        this.accountStore = new AccountStore(database.dsl());
        this.accounts = new AccountService(database, accountStore, new PasswordHasher(),
                new SignInLimiter(config.getInt(Setting.SIGNIN_PER_ACCOUNT), config.getInt(Setting.SIGNIN_PER_ADDRESS)),
                clock, Duration.ofDays(config.getInt(Setting.SESSION_DAYS)));
        this.categories = new CategoryStore(database.dsl());
    }
}
