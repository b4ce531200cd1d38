package townhall.app;

import townhall.account.PasswordRoutes;
import townhall.account.SettingsRoutes;
import townhall.sso.SsoRoutes;
import townhall.api.ApiRoutes;
import townhall.api.OpenApiRoutes;
import townhall.api.TokenRoutes;
import townhall.web.HealthRoutes;
import townhall.web.Views;
import townhall.web.WebServer;
import townhall.config.Config;
import townhall.config.Setting;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountRoutes;
import townhall.brand.BrandMailLook;
import townhall.brand.BrandRoutes;
import townhall.brand.BrandService;
import townhall.db.Database;
import townhall.faq.FaqRoutes;
import townhall.home.HomeRoutes;
import townhall.mail.MailRoutes;
import townhall.notify.NotificationRoutes;
import townhall.outbox.OutboxHealth;
import townhall.outbox.OutboxRoutes;
import townhall.profile.ProfileRoutes;
import townhall.qa.PostRoutes;
import townhall.qa.QaWatchables;
import townhall.qa.FollowUpRoutes;
import townhall.qa.QuestionRoutes;
import townhall.qa.RevisionHistory;
import townhall.qa.SitemapRoutes;
import townhall.qa.StructuredData;
import townhall.qa.ViewCounter;
import townhall.reputation.ReputationRoutes;
import townhall.search.RelatedFromIndex;
import townhall.search.Search;
import townhall.search.SearchInsights;
import townhall.search.SearchRoutes;
import townhall.theme.StaticRoutes;
import townhall.theme.Themes;
import townhall.webhooks.WebhookRoutes;
import townhall.feeds.FeedLinks;
import townhall.uploads.UploadRoutes;
import townhall.metrics.Metrics;
import townhall.events.Events;
import townhall.outbox.OutboxStore;
import townhall.metrics.MetricsRoutes;
import townhall.feeds.FeedRoutes;
import townhall.moderation.ModerationRoutes;
import townhall.moderation.ReviewBadge;
import townhall.versions.VersionRoutes;
import townhall.moderation.AssignmentRoutes;
import townhall.moderation.WatchedWordRoutes;
import townhall.ideas.AnnouncementRoutes;
import townhall.ideas.IdeaNotices;
import townhall.ideas.IdeaRoutes;
import townhall.ideas.PinnedAnnouncements;
import townhall.ideas.Polls;
import townhall.insight.InsightRoutes;
import townhall.insight.Visitors;

/** A running Townhall: database, services and web server. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Components components;
    private final ViewCounter viewCounter;
    private final ScheduledExecutorService jobs;
    private final Search search;
    private final WebServer web;

    private final Metrics metrics;
    private final Visitors visitors;

    private Application(Components components, ViewCounter viewCounter, ScheduledExecutorService jobs, Search search,
                        Metrics metrics, Visitors visitors, WebServer web) {
        this.metrics = metrics;
        this.visitors = visitors;
        this.components = components;
        this.viewCounter = viewCounter;
        this.jobs = jobs;
        this.search = search;
        this.web = web;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    public static Application start(Config config) {
        long started = System.nanoTime();
        Database database = Database.open(config);
        long databaseReady = System.nanoTime();
        try {
            Components components = new Components(config, database, Clock.systemUTC());
            if (config.getBoolean(Setting.DEMO)) {
                components.seedDemo();
            }
            components.homeHighlights.readInTheBackground();
            long componentsReady = System.nanoTime();
            OutsideImageLinks.rewriteOnceInTheBackground(database.background(), components.siteSettings, components.markdown);
            ViewCounter viewCounter = new ViewCounter(database.dsl(),
                    Duration.ofSeconds(config.getInt(Setting.VIEW_FLUSH_SECONDS)));
            ScheduledExecutorService jobs = startJobs(components);
            Search search = Search.start(config, database, components.outbox, components.synonyms,
                    components.markdown, components.clock);
            long searchReady = System.nanoTime();
            Metrics metrics = new Metrics(database, new OutboxStore(database.background()), search.health(),
                    List.of("search", "vectors", "mail", Events.TOPIC, "webhook-delivery", "notify"), components.clock);
            Visitors visitors = new Visitors(database.background(), components.clock, Duration.ofSeconds(
                    config.getInt(Setting.VIEW_FLUSH_SECONDS)));
            WebServer web;
            try {
                web = startWeb(components, viewCounter, search, metrics, visitors);
            } catch (RuntimeException e) {
                search.close();
                metrics.close();
                visitors.close();
                jobs.shutdownNow();
                throw e;
            }
            long now = System.nanoTime();
            log.info("Townhall is serving {} at http://localhost:{} (started in {} ms: database {}, components {}, "
                            + "search {}, web {})", config.get(Setting.SITE_NAME), web.port(), millis(now - started),
                    millis(databaseReady - started), millis(componentsReady - databaseReady),
                    millis(searchReady - componentsReady), millis(now - searchReady));
            return new Application(components, viewCounter, jobs, search, metrics, visitors, web);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Periodic work: the Helper sweep for criteria that time alone fulfils. */
    private static ScheduledExecutorService startJobs(Components c) {
        ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(
                c.database.backgroundThreads("townhall-jobs"));
        long minutes = c.config.getInt(Setting.HELPER_SWEEP_MINUTES);
        jobs.scheduleWithFixedDelay(() -> {
            try {
                c.helpers.sweep();
            } catch (RuntimeException e) {
                log.warn("The Helper sweep failed; it runs again in {} minutes", minutes, e);
            }
        }, 1, minutes, TimeUnit.MINUTES);
        long mailSeconds = c.config.getInt(Setting.NOTIFY_MAIL_POLL_SECONDS);
        jobs.scheduleWithFixedDelay(() -> {
            try {
                c.notify.mail().sendDue();
                c.notify.mail().sendDigestsIfDue();
            } catch (RuntimeException e) {
                log.warn("Emailing notifications failed; it is tried again in {} seconds", mailSeconds, e);
            }
        }, mailSeconds, mailSeconds, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(() -> {
            try {
                c.followUps.sweep();
            } catch (RuntimeException e) {
                log.warn("Following up askers failed; it is tried again in 10 minutes", e);
            }
        }, 2, 10, TimeUnit.MINUTES);
        long rollupMinutes = c.config.getInt(Setting.INSIGHT_ROLLUP_MINUTES);
        jobs.scheduleWithFixedDelay(() -> {
            try {
                c.insight.rollUp();
                c.insightReport.sendIfDue();
            } catch (RuntimeException e) {
                log.warn("The insight roll-up failed; it runs again in {} minutes", rollupMinutes, e);
            }
        }, 2, rollupMinutes * 60, TimeUnit.SECONDS);
        return jobs;
    }

    private static WebServer startWeb(Components c, ViewCounter viewCounter, Search search, Metrics metrics,
                                      Visitors visitors) {
        Config config = c.config;
        boolean dev = config.getBoolean(Setting.DEV);
        Themes themes = c.themes;
        BrandService brand = c.brand;
        brand.current();
        c.mail.start(c.outbox, new BrandMailLook(brand), config.publicBase(), Duration.ofSeconds(1));
        c.webhooks.start(c.outbox, config.getInt(Setting.OUTBOX_ATTEMPTS), Duration.ofSeconds(1));
        ReviewBadge reviewBadge = new ReviewBadge(c.review, c.privileges);
        c.outbox.start(new IdeaNotices(c.database, new townhall.ideas.IdeaStore(c.database.background()), c.notifier,
                c.clock), Duration.ofSeconds(1));
        PinnedAnnouncements pinned = new PinnedAnnouncements(c.announcementStore, c.clock);
        Views views = new Views(ctx -> BrandRoutes.themeOf(brand, ctx).templates(), config,
                (ctx, model) -> {
                    brand.decorate(BrandRoutes.brandOf(brand, ctx), model);
                    FeedLinks.decorate(ctx, model);
                    reviewBadge.decorate(ctx, model);
                    VersionRoutes.decorate(c.versions, ctx, model);
                    pinned.decorate(ctx, model);
                }, c.pageCache);
        AssignmentRoutes assignmentRoutes = new AssignmentRoutes(c.assignments, c.posts, views);
        WatchedWordRoutes watchedWordRoutes = new WatchedWordRoutes(c.watchedWords, c.privileges, views);
        townhall.account.GroupRoutes groupRoutes = new townhall.account.GroupRoutes(c.groups, views);
        townhall.qa.CategoryRoutes categoryRoutes = new townhall.qa.CategoryRoutes(c.categoryAdmin, c.categories,
                c.groups.store(), views);
        ModerationRoutes moderationRoutes = new ModerationRoutes(c.review, c.sanctions, c.moderationStore, c.posts,
                c.accountStore, c.privileges, views, c.postAccess);
        BrandRoutes brandRoutes = new BrandRoutes(brand, views);
        AccountRoutes accountRoutes = new AccountRoutes(c.accounts, c.addresses, views, c.sso);
        SettingsRoutes settingsRoutes = new SettingsRoutes(c.addresses, c.passwords, views);
        PasswordRoutes passwordRoutes = new PasswordRoutes(c.passwords, c.accounts, views, c.sso);
        SsoRoutes ssoRoutes = new SsoRoutes(c.sso, c.accounts, views);
        QuestionRoutes questionRoutes = new QuestionRoutes(c.questions, c.categories, c.posting, viewCounter, views,
                c.markdown, c.qaRules, new StructuredData(config.get(Setting.BASE_URL)), c.privileges,
                new RelatedFromIndex(search.service()), c.uploads, c.notifier, c.categoryAccess, c.versions);
        c.pageCache.onHit((ctx, path) -> {
            questionRoutes.viewedFromCache(ctx, path);
            visitors.seen(ctx);
        });
        c.pageCache.varyBy(brand::current);
        PostRoutes postRoutes = new PostRoutes(c.posting, c.votesAndMarks, c.curation, c.postAccess, questionRoutes,
                c.posts, views, new RevisionHistory(c.posts), c.uploads);
        SitemapRoutes sitemapRoutes = new SitemapRoutes(c.questions, c.categories,
                List.of(c.faqStore::sitemap, new townhall.ideas.IdeaSitemap(c.database.dsl())));
        ReputationRoutes reputationRoutes = new ReputationRoutes(c.accountStore, c.reputationStore, c.helpers,
                c.privileges, c.questions, c.qaRules, c.profileStore, views, c.clock, c.categoryAccess);
        c.notify.start(c.outbox, Duration.ofSeconds(1), c.categoryAccess);
        NotificationRoutes notificationRoutes = new NotificationRoutes(c.notify, new QaWatchables(c.database.dsl()),
                c.privileges, c.accountStore, c.database, views, c.clock);
        FollowUpRoutes followUpRoutes = new FollowUpRoutes(c.followUps, c.questions, views);
        OutboxRoutes outboxRoutes = new OutboxRoutes(c.outbox, views);
        MailRoutes mailRoutes = new MailRoutes(c.mail, c.outbox.store(), views);
        StaticRoutes staticRoutes = new StaticRoutes(themes, ctx -> BrandRoutes.themeOf(brand, ctx), dev);
        HealthRoutes healthRoutes = new HealthRoutes(c.database,
                List.of(new OutboxHealth(c.outbox.store(), c.clock, Duration.ofMinutes(5)), search.health()));
        MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, config.get(Setting.METRICS_TOKEN));
        SearchRoutes searchRoutes = new SearchRoutes(search, new SearchInsights(c.database.dsl(), c.clock), c.synonyms,
                views, config.getInt(Setting.SEARCH_PAGE_SIZE), c.categoryAccess);
        FaqRoutes faqRoutes = new FaqRoutes(c.faq, c.faqStore, views, c.versions);
        VersionRoutes versionRoutes = new VersionRoutes(c.versions, views);
        HomeRoutes homeRoutes = new HomeRoutes(c.questions, c.categories, c.homeHighlights, views, c.categoryAccess);
        WebhookRoutes webhookRoutes = new WebhookRoutes(c.webhooks, views);
        UploadRoutes uploadRoutes = new UploadRoutes(c.uploads, views);
        FeedRoutes feedRoutes = new FeedRoutes(c.questions, c.categories, c.faqStore,
                config.getInt(Setting.FEEDS_SIZE), views, () -> brand.current().siteName());
        townhall.feeds.IdeaFeeds ideaFeeds = new townhall.feeds.IdeaFeeds(c.ideaStore, c.announcementStore,
                config.getInt(Setting.FEEDS_SIZE), views, () -> brand.current().siteName());
        ProfileRoutes profileRoutes = new ProfileRoutes(c.profiles, c.profileStore, c.accountStore, views, c.clock);
        ApiRoutes apiRoutes = new ApiRoutes(c.questions, c.categories, c.posts, c.posting, c.votesAndMarks,
                search.service(), c.faqStore, c.accountStore, c.notifications, views, c.categoryAccess);
        TokenRoutes tokenRoutes = new TokenRoutes(c.apiTokens, views);
        OpenApiRoutes openApiRoutes = new OpenApiRoutes(views);
        Polls polls = new Polls(c.polls, c.pollStore, c.privileges, java.util.Map.of(
                Polls.IDEA, id -> c.ideaStore.idea(id).map(i -> new Polls.Subject(i.author().id(), i.path())),
                Polls.ANNOUNCEMENT, id -> c.announcementStore.announcement(id)
                        .map(a -> new Polls.Subject(a.author().id(), a.path())),
                Polls.QUESTION, id -> c.posts.info(id).filter(p -> p.isQuestion() && !p.deleted())
                        .map(p -> new Polls.Subject(p.authorId(), "/q/" + p.id()))), views);
        IdeaRoutes ideaRoutes = new IdeaRoutes(c.ideas, c.ideaStore, c.categories, c.privileges, polls, views, c.clock,
                c.categoryAccess);
        AnnouncementRoutes announcementRoutes = new AnnouncementRoutes(c.announcements, c.announcementStore,
                c.categories, c.privileges, polls, c.markdown, views, c.clock, c.categoryAccess);
        InsightRoutes insightRoutes = new InsightRoutes(c.insight, visitors, views, c.versions);
        // an API token (under /api/ only) or else the session cookie says who is asking
        java.util.function.Function<io.javalin.http.Context, townhall.account.Member> viewerOf = ctx -> {
            townhall.account.Member byToken = c.apiTokens.viewerOf(ctx);
            return byToken != null ? byToken : accountRoutes.viewerOf(ctx);
        };
        return WebServer.start(config, views, c.database.availability(), viewerOf, Set.of(MailRoutes.UNSUBSCRIBE, NotificationRoutes.UNSUBSCRIBE),
                metrics, routes -> {
            staticRoutes.register(routes);
            healthRoutes.register(routes);
            homeRoutes.register(routes);
            questionRoutes.register(routes);
            postRoutes.register(routes);
            sitemapRoutes.register(routes);
            reputationRoutes.register(routes);
            notificationRoutes.register(routes);
            followUpRoutes.register(routes);
            accountRoutes.register(routes);
            settingsRoutes.register(routes);
            passwordRoutes.register(routes);
            ssoRoutes.register(routes);
            apiRoutes.register(routes);
            tokenRoutes.register(routes);
            openApiRoutes.register(routes);
            searchRoutes.register(routes);
            faqRoutes.register(routes);
            versionRoutes.register(routes);
            profileRoutes.register(routes);
            brandRoutes.register(routes);
            outboxRoutes.register(routes);
            mailRoutes.register(routes);
            webhookRoutes.register(routes);
            feedRoutes.register(routes);
            uploadRoutes.register(routes);
            metricsRoutes.register(routes);
            moderationRoutes.register(routes);
            watchedWordRoutes.register(routes);
            groupRoutes.register(routes);
            categoryRoutes.register(routes);
            ideaRoutes.register(routes);
            announcementRoutes.register(routes);
            polls.register(routes);
            ideaFeeds.register(routes);
            insightRoutes.register(routes);
            assignmentRoutes.register(routes);
        });
    }

    public int port() { return web.port(); }

    public Components components() { return components; }

    public ViewCounter viewCounter() { return viewCounter; }

    public Search search() { return search; }

    public Visitors visitors() { return visitors; }

    /**
     * Stops in the order that loses nothing: no new requests and the running ones finished, then the last view
     * counts and search events written, the workers stopped, and only then the database.
     */
    @Override
    public void close() {
        long stopping = System.nanoTime();
        components.notify.close(); // live counts end, so open pages do not hold the server's stop
        web.stop();
        jobs.shutdownNow();
        try { // a job under way (a roll-up, say) ends before the database it uses is closed under it
            if (!jobs.awaitTermination(3, TimeUnit.SECONDS)) {
                log.warn("A periodic job was still running when Townhall stopped; it is done again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        viewCounter.close();
        visitors.close();
        search.close();
        metrics.close();
        components.outbox.close();
        components.database.close();
        log.info("Townhall stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
    }
}
