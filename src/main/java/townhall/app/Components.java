package townhall.app;

import townhall.account.AddressService;
import townhall.account.PasswordService;
import townhall.brand.BrandService;
import townhall.brand.BrandStore;
import townhall.brand.BrandWelcome;
import townhall.theme.Themes;
import townhall.db.SiteSettingsStore;
import townhall.qa.PageCache;
import townhall.config.Config;
import townhall.config.Setting;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import townhall.account.AccountService;
import townhall.account.AccountStore;
import townhall.account.PasswordHasher;
import townhall.account.AttemptLimiter;
import townhall.db.Database;
import townhall.demo.DemoCommunity;
import townhall.demo.DemoFaq;
import townhall.demo.DemoServices;
import townhall.faq.FaqService;
import townhall.faq.FaqStore;
import townhall.home.HomeHighlights;
import townhall.home.HomeStore;
import townhall.markdown.CommentFormatter;
import townhall.markdown.MarkdownRenderer;
import townhall.mail.Mail;
import townhall.notify.NotificationStore;
import townhall.notify.Notifier;
import townhall.notify.Notifications;
import townhall.qa.QaNotices;
import townhall.qa.FollowUps;
import townhall.qa.UnansweredDigest;
import townhall.faq.FaqDigest;
import townhall.outbox.Outbox;
import townhall.profile.ProfileService;
import townhall.profile.ProfileStore;
import townhall.account.AccessLog;
import townhall.account.GroupService;
import townhall.account.GroupStore;
import townhall.qa.CategoryAccess;
import townhall.qa.CategoryService;
import townhall.qa.CategoryStore;
import townhall.qa.PostStore;
import townhall.qa.QaListener;
import townhall.qa.QaRules;
import townhall.qa.CurationService;
import townhall.qa.PostAccess;
import townhall.qa.PostInput;
import townhall.qa.PostingService;
import townhall.qa.VoteAndMarkService;
import townhall.qa.QuestionStore;
import townhall.reputation.HelperService;
import townhall.account.PrivilegeRules;
import townhall.account.Privileges;
import townhall.reputation.ReputationRules;
import townhall.reputation.ReputationService;
import townhall.reputation.ReputationStore;
import townhall.search.SearchOutbox;
import townhall.search.Synonyms;
import townhall.sso.SsoService;
import townhall.api.ApiTokens;
import townhall.account.AccountListener;
import townhall.events.Events;
import townhall.webhooks.CommunityEvents;
import townhall.uploads.ImageUploads;
import townhall.uploads.UploadLimits;
import townhall.webhooks.WebhookService;
import townhall.webhooks.WebhookSettings;
import townhall.moderation.Assignments;
import townhall.moderation.ModerationGate;
import townhall.moderation.ModerationStore;
import townhall.moderation.ReviewService;
import townhall.moderation.SanctionService;
import townhall.moderation.SpamRules;
import townhall.moderation.WatchedWords;
import townhall.qa.PostVisibility;
import townhall.qa.ContentGate;
import townhall.ideas.AnnouncementService;
import townhall.ideas.AnnouncementStore;
import townhall.ideas.IdeaListener;
import townhall.ideas.IdeaRules;
import townhall.ideas.IdeaService;
import townhall.ideas.IdeaStore;
import townhall.ideas.PollService;
import townhall.ideas.PollStore;
import townhall.versions.FreshnessListener;
import townhall.versions.VersionService;
import townhall.versions.VersionStore;
import townhall.insight.InsightListener;
import townhall.insight.InsightService;
import townhall.insight.InsightSettings;
import townhall.insight.InsightStore;
import townhall.insight.WeeklyReport;

/** The stores and services over one database, wired by hand; shared by the web server and the commands. */
public final class Components {
    public final Config config;
    public final Clock clock;
    public final Database database;
    public final SiteSettingsStore siteSettings;
    public final AccountStore accountStore;
    public final AccountService accounts;
    public final CategoryStore categories;
    /** Category permissions: who reads which category's questions. */
    public final CategoryAccess categoryAccess;
    public final GroupService groups;
    public final CategoryService categoryAdmin;
    public final MarkdownRenderer markdown;
    public final PostStore posts;
    public final QuestionStore questions;
    public final QaRules qaRules;
    public final PostAccess postAccess;
    public final PostingService posting;
    /** Posting without the moderation gate: the demo community writes its past through it. */
    private final PostingService demoPosting;
    public final VoteAndMarkService votesAndMarks;
    public final VersionService versions;
    public final CurationService curation;
    public final ReputationRules reputationRules;
    public final Privileges privileges;
    public final ReputationStore reputationStore;
    public final NotificationStore notifications;
    public final HelperService helpers;
    public final ReputationService reputation;
    public final Outbox outbox;
    public final Mail mail;
    public final SearchOutbox searchOutbox;
    public final Synonyms synonyms;
    public final FaqStore faqStore;
    public final HomeHighlights homeHighlights;
    public final PageCache pageCache;
    public final FaqService faq;
    public final Notifier notifier;
    public final Notifications notify;
    public final FollowUps followUps;
    public final Themes themes;
    public final BrandService brand;
    public final AddressService addresses;
    public final PasswordService passwords;
    public final ProfileStore profileStore;
    public final ProfileService profiles;
    public final SsoService sso;
    public final ApiTokens apiTokens;
    public final Events events;
    public final WebhookService webhooks;
    public final ImageUploads uploads;
    public final ModerationStore moderationStore;
    public final ReviewService review;
    public final SanctionService sanctions;
    public final WatchedWords watchedWords;
    public final IdeaStore ideaStore;
    public final IdeaService ideas;
    public final AnnouncementStore announcementStore;
    public final AnnouncementService announcements;
    public final PollStore pollStore;
    public final PollService polls;
    public final InsightService insight;
    public final WeeklyReport insightReport;
    public final Assignments assignments;

    /** What the demo posts through, on this clock. */
    public DemoServices demo() {
        return new DemoServices(clock, database, siteSettings, accountStore, accounts, categories, demoPosting,
                votesAndMarks, curation, reputationStore, helpers, faqStore, faq, versions);
    }

    /** Seeds the demo community and its FAQ into an empty database. */
    public void seedDemo() {
        boolean fresh = accountStore.countMembers() == 0;
        new DemoCommunity(demo(), at -> new Components(config, database, at).demo()).seedIfEmpty();
        if (fresh) {
            new townhall.demo.DemoBrand(brand, accountStore).brandIfUnbranded();
        }
        new DemoFaq(demo()).seedIfEmpty();
        new townhall.demo.DemoIdeas(clock, accountStore, categories, ideas, ideaStore, announcements, polls).seedIfEmpty();
    }

    public Components(Config config, Database database, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.siteSettings = new SiteSettingsStore(database.dsl());
        this.accountStore = new AccountStore(database.dsl());
        PasswordHasher hasher = new PasswordHasher();
        this.accounts = new AccountService(database, accountStore, hasher,
                new AttemptLimiter(config.getInt(Setting.SIGNIN_PER_ACCOUNT), config.getInt(Setting.SIGNIN_PER_ADDRESS)),
                clock, Duration.ofDays(config.getInt(Setting.SESSION_DAYS)));
        this.categories = new CategoryStore(database.dsl());
        this.categoryAccess = new CategoryAccess(database.dsl());
        this.markdown = new MarkdownRenderer();
        this.posts = new PostStore(database.dsl());
        this.questions = new QuestionStore(database.dsl());
        this.qaRules = QaRules.from(config);
        this.reputationRules = ReputationRules.from(config);
        this.privileges = new Privileges(PrivilegeRules.from(config), clock);
        this.reputationStore = new ReputationStore(database.dsl());
        this.outbox = new Outbox(database, clock, Outbox.Retries.from(config));
        this.mail = new Mail(database, outbox, siteSettings, config, clock);
        this.notify = new Notifications(database, outbox, mail.mailer(), siteSettings, config,
                List.of(new UnansweredDigest(database.background()), new FaqDigest(database.background())), clock);
        this.notifications = notify.store();
        this.notifier = notify.notifier();
        this.helpers = new HelperService(database, reputationStore, posts, reputationRules, notifier, clock);
        this.reputation = new ReputationService(reputationStore, reputationRules, helpers, clock);
        this.searchOutbox = new SearchOutbox(outbox);
        this.pageCache = PageCache.forQa(config, database);
        this.postAccess = new PostAccess(posts, categoryAccess);
        PostInput postInput = new PostInput(markdown, qaRules, privileges);
        this.events = new Events(outbox, clock);
        CommunityEvents communityEvents = new CommunityEvents(events, accountStore, config.publicBase());
        this.webhooks = new WebhookService(database, outbox, privileges, WebhookSettings.from(config), clock);
        this.uploads = new ImageUploads(database, privileges, UploadLimits.from(config),
                Path.of(config.get(Setting.DATA_DIR), "uploads"), clock);
        InsightStore insightStore = new InsightStore(database.dsl());
        this.insight = new InsightService(database, insightStore, siteSettings, InsightSettings.from(config),
                reputationRules, privileges, notifier, clock);
        QaListener qaListener = QaListener.of(List.of(reputation, searchOutbox, pageCache, communityEvents,
                new QaNotices(notifier, posts), new InsightListener(insightStore)));
        PostVisibility visibility = new PostVisibility(posts, qaListener, clock);
        this.moderationStore = new ModerationStore(database.dsl());
        AccessLog accessLog = (actor, action, member, detail) ->
                moderationStore.log(actor, action, member, null, detail, java.time.LocalDateTime.now(clock));
        this.groups = new GroupService(database, new GroupStore(database.dsl()), accountStore, privileges, accessLog,
                clock);
        this.categoryAdmin = new CategoryService(database, categories, groups.store(), privileges, qaListener,
                accessLog);
        this.watchedWords = new WatchedWords(database, privileges, moderationStore, clock);
        ModerationGate gate = new ModerationGate(moderationStore, privileges, SpamRules.from(config), markdown, watchedWords, notifier,
                        accountStore, java.util.Arrays.stream(config.get(Setting.WATCHED_NOTIFY).split(","))
                        .map(String::strip).filter(n -> !n.isEmpty()).toList(), clock);
        this.posting = new PostingService(database, posts, categories, markdown, new CommentFormatter(), postInput,
                postAccess, clock, qaListener, privileges, visibility, gate);
        this.demoPosting = new PostingService(database, posts, categories, markdown, new CommentFormatter(), postInput,
                postAccess, clock, qaListener, privileges, visibility, ContentGate.OPEN);
        this.versions = new VersionService(database, new VersionStore(database.dsl()), privileges, accessLog,
                new FreshnessListener() {
                    @Override
                    public void questionChanged(long questionId) {
                        pageCache.questionChanged(questionId);
                    }

                    @Override
                    public void everythingChanged() {
                        pageCache.everythingChanged();
                    }
                }, clock);
        this.votesAndMarks = new VoteAndMarkService(database, posts, postAccess, clock, qaListener, privileges,
                versions);
        this.followUps = new FollowUps(database, notifier, votesAndMarks, config.getInt(Setting.NOTIFY_FOLLOWUP_DAYS),
                clock);
        followUps.onAnswered((questionId, askerId, solved) -> insight.askerFollowUp(questionId, askerId, solved, ""));
        this.curation = new CurationService(database, posts, markdown, postInput, postAccess, clock, qaListener,
                privileges, visibility, gate);
        this.review = new ReviewService(database, moderationStore, posts, visibility, curation, privileges, notifier,
                mail.mailer(), accountStore, helpers, events, config.publicBase(), config.get(Setting.LANGUAGE), clock);
        this.assignments = new Assignments(database, posts, accountStore, privileges, notifier, events, moderationStore,
                config.publicBase(), clock);
        this.sanctions = new SanctionService(database, moderationStore, accountStore, privileges, helpers, notifier,
                mail.mailer(), config.get(Setting.LANGUAGE), clock);
        this.synonyms = new Synonyms(database, clock);
        this.faqStore = new FaqStore(database.dsl());
        // the highlights' counts read the whole site: background work, without a request's statement time limit
        this.homeHighlights = new HomeHighlights(new HomeStore(database.background()), reputationStore, clock);
        this.faq = new FaqService(database, faqStore, markdown, clock, searchOutbox, versions);
        // Every theme of the folder is built once, when first shown; each request finds the active one (the
        // administrator's choice in the brand settings, else TOWNHALL_THEME) in memory.
        this.themes = new Themes(Path.of(config.get(Setting.THEMES_DIR)), config.get(Setting.THEME),
                config.getBoolean(Setting.DEV), clock, config.basePath());
        this.brand = new BrandService(database, new BrandStore(database.dsl()), markdown, themes, config, clock);
        this.addresses = new AddressService(database, accounts, accountStore, hasher, mail.mailer(),
                AccountListener.of(List.of(
                        new BrandWelcome(brand, mail.mailer(), notifier, markdown, config.get(Setting.LANGUAGE)),
                        communityEvents)),
                Duration.ofHours(config.getInt(Setting.CONFIRM_HOURS)), clock);
        this.passwords = new PasswordService(database, accountStore, hasher, mail.mailer(),
                new AttemptLimiter(config.getInt(Setting.RESET_PER_ACCOUNT), config.getInt(Setting.RESET_PER_ADDRESS)),
                Duration.ofMinutes(config.getInt(Setting.RESET_MINUTES)), clock);
        this.sso = new SsoService(config, database, accounts, clock);
        this.apiTokens = new ApiTokens(database, accountStore, config.getInt(Setting.API_RATE_PER_MINUTE), clock);
        this.insightReport = new WeeklyReport(database, insight, insightStore, siteSettings, mail.mailer(), config,
                clock);
        this.profileStore = new ProfileStore(database.dsl());
        IdeaListener ideaListener = IdeaListener.of(List.of(searchOutbox, new IdeaListener() {
            @Override
            public void ideaChanged(long ideaId) {}

            @Override
            public void announcementChanged(long announcementId) {
                pageCache.listsChanged(); // pinned announcements and upcoming events show on the home page and lists
            }
        }));
        this.ideaStore = new IdeaStore(database.dsl());
        this.ideas = new IdeaService(database, ideaStore, markdown, privileges, IdeaRules.from(config), outbox, events,
                config.publicBase(), clock, ideaListener);
        this.announcementStore = new AnnouncementStore(database.dsl());
        this.announcements = new AnnouncementService(database, announcementStore, markdown, privileges, clock,
                ideaListener);
        this.pollStore = new PollStore(database.dsl());
        this.polls = new PollService(database, pollStore, privileges, clock);
        this.profiles = new ProfileService(database, profileStore, accountStore, hasher, curation, qaListener,
                privileges, clock);
    }
}
