package townhall.app;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountRoutes;
import townhall.db.Database;
import townhall.demo.DemoCommunity;
import townhall.qa.HomeRoutes;
import townhall.theme.Assets;
import townhall.theme.StaticRoutes;
import townhall.theme.Templates;
import townhall.theme.Theme;

/** A running Townhall: database, services and web server. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Components components;
    private final WebServer web;

    private Application(Components components, WebServer web) {
        this.components = components;
        this.web = web;
    }

    public static Application start(Config config) {
        long started = System.nanoTime();
        Database database = Database.open(config);
        try {
            Components components = new Components(config, database, Clock.systemUTC());
            if (config.getBoolean(Setting.DEMO)) {
                new DemoCommunity(components).seedIfEmpty();
            }
            WebServer web = startWeb(components);
            log.info("Townhall is serving {} at http://localhost:{} (started in {} ms)",
                    config.get(Setting.SITE_NAME), web.port(), (System.nanoTime() - started) / 1_000_000);
            return new Application(components, web);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static WebServer startWeb(Components c) {
        Config config = c.config;
        boolean dev = config.getBoolean(Setting.DEV);
        Theme theme = Theme.load(Path.of(config.get(Setting.THEMES_DIR)), config.get(Setting.THEME));
        Assets assets = new Assets(theme, dev);
        Views views = new Views(new Templates(theme, assets, dev), config);
        AccountRoutes accountRoutes = new AccountRoutes(c.accounts, views);
        HomeRoutes homeRoutes = new HomeRoutes(c.categories, views);
        StaticRoutes staticRoutes = new StaticRoutes(assets, dev);
        HealthRoutes healthRoutes = new HealthRoutes(c.database);
        return WebServer.start(config, views, accountRoutes::viewerOf, routes -> {
            staticRoutes.register(routes);
            healthRoutes.register(routes);
            homeRoutes.register(routes);
            accountRoutes.register(routes);
        });
    }

    public int port() { return web.port(); }

    public Components components() { return components; }

    @Override
    public void close() {
        web.stop();
        components.database.close();
    }
}
