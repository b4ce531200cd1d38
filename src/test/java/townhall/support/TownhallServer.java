package townhall.support;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import townhall.app.Application;
import townhall.app.Components;
import townhall.config.Config;
import townhall.config.Setting;

/**
 * A real Townhall on a free port, over a fresh database on the shared test MariaDB, for one test class.
 * Register it with {@code @RegisterExtension static final TownhallServer server = new TownhallServer();}.
 */
public final class TownhallServer implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger servers = new AtomicInteger();

    private final Map<Setting, String> overrides = new EnumMap<>(Setting.class);
    private Config config;
    private Application app;
    private TestDatabaseServer databases;
    private java.util.function.UnaryOperator<String> databaseRoute = url -> url;

    public TownhallServer() {
        overrides.put(Setting.PORT, "0");
        overrides.put(Setting.DEMO, "false");
        overrides.put(Setting.DB_USER, "root");
        overrides.put(Setting.DB_POOL_SIZE, "6");
        // each server its own data dir, so test classes do not share a search index
        overrides.put(Setting.DATA_DIR, Path.of("target", "test-data",
                "server-" + ProcessHandle.current().pid() + "-" + servers.incrementAndGet()).toString());
        // One node per test: its own saves refresh its brand cache; no background re-reads disturb query counts.
        overrides.put(Setting.BRAND_REFRESH_SECONDS, "3600");
        // Tests post quickly and repeat texts: the spam defence's timing, rate and repeat checks are off unless a test
        // (SpamDefenceTest) turns one on; the honeypot and blocked domains stay on.
        overrides.put(Setting.SPAM_FORM_SECONDS, "0");
        overrides.put(Setting.SPAM_PAUSE_SECONDS, "0");
        overrides.put(Setting.SPAM_QUESTIONS_DAY, "-1");
        overrides.put(Setting.SPAM_ANSWERS_DAY, "-1");
        overrides.put(Setting.SPAM_DUPLICATES, "false");
        // Search by meaning loads a model (a second, 170 MB) and computes vectors in the background: off unless a
        // test (search/SemanticSearchTest) turns it on, so the suite's other servers stay quick and quiet.
        overrides.put(Setting.SEARCH_VECTORS, "false");
    }

    /** Reaches the test database by another way, such as a {@link DatabaseLink} that a test can cut. */
    public TownhallServer reachingTheDatabaseThrough(java.util.function.UnaryOperator<String> route) {
        this.databaseRoute = route;
        return this;
    }

    public TownhallServer with(Setting setting, String value) {
        overrides.put(setting, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        databases = TestDatabaseServer.shared(context);
        String url = databases.newDatabase(context.getRequiredTestClass().getSimpleName());
        overrides.put(Setting.DB_URL, databaseRoute.apply(url));
        config = Config.of(overrides);
        app = Application.start(config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (app != null) {
            app.close();
        }
    }

    /** Stops the application and starts a new one on the same database, as an operator's restart would. */
    public void restart() {
        restart(() -> {});
    }

    /** Restarts, doing {@code whileStopped} (such as removing the search index) between stop and start. */
    public void restart(Runnable whileStopped) {
        app.close();
        whileStopped.run();
        app = Application.start(config);
    }

    /** Restarts with settings changed, doing {@code whileStopped} between stop and start. */
    public void restartWith(Map<Setting, String> settings, Runnable whileStopped) {
        overrides.putAll(settings);
        settings.forEach((setting, value) -> config = config.with(setting, value));
        restart(whileStopped);
    }

    /** A new browser for the site: its paths are site paths, under the base URL's path prefix when there is one. */
    public WebClient newClient() {
        return new WebClient("http://localhost:" + app.port() + config.basePath());
    }

    /** Another new, empty database on the same test MariaDB server; returns its JDBC URL. */
    public String newDatabase(String hint) {
        return databases.newDatabase(hint);
    }

    /** The folder of the test MariaDB's programs (mariadbd, mariadb-dump, mariadb). */
    public static Path mariaDbPrograms() {
        return TestDatabaseServer.PROGRAMS;
    }

    public Config config() {
        return config;
    }

    public Components components() {
        return app.components();
    }

    public Application app() {
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }
}
