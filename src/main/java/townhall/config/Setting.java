package townhall.config;

/** Every setting Townhall reads, with its default; the README's configuration table lists the same. */
public enum Setting {
    PORT("port", "7070", "HTTP port"),
    DATA_DIR("data.dir", "data", "Where the embedded database (mariadb/), the search index (index/) and later uploads live"),
    DB_URL("db.url", "", "JDBC URL of an external MariaDB (jdbc:mariadb://host:3306/townhall); empty starts the embedded one"),
    DB_USER("db.user", "townhall", "User of the external MariaDB"),
    DB_PASSWORD("db.password", "", "Password of the external MariaDB"),
    DB_POOL_SIZE("db.pool.size", "16", "Largest number of database connections"),
    DB_STATEMENT_SECONDS("db.statement.seconds", "10", "Longest a request's SQL statement may run; a stalled database then gets a 503 page instead of holding the request. 0: no limit (the commands such as import use none)"),
    DB_MEMORY("db.memory", "256M", "Memory of the embedded MariaDB's InnoDB buffer pool (e.g. 256M, 1G)"),
    BASE_URL("base.url", "http://localhost:7070", "The public address of the site, used for canonical links and Secure cookies; a path in it (https://brand.example/community/) serves the site under that prefix"),
    TRUSTED_PROXIES("trusted.proxies", "", "Addresses (IPs or CIDRs, comma-separated) of reverse proxies whose Forwarded / X-Forwarded-* headers are believed; empty trusts none"),
    THEME("theme", "default", "Theme until an administrator chooses one at /admin/brand: a folder under the themes directory"),
    THEMES_DIR("themes.dir", "themes", "Folder holding the themes"),
    SITE_NAME("site.name", "Townhall", "Name of the community shown in the header and titles"),
    DEV("dev", "false", "Development mode: templates and static files reload on every request"),
    BRAND_REFRESH_SECONDS("brand.refresh.seconds", "5", "How often a node re-reads the brand settings from the database"),
    DEMO("demo", "true", "Seed the demo community into an empty database at start"),
    SESSION_DAYS("session.days", "30", "Days a sign-in lasts without activity"),
    SIGNIN_PER_ACCOUNT("signin.limit.account", "5", "Sign-in attempts allowed per account per 15 minutes"),
    UNCONFIRMED_QUESTIONS("account.unconfirmed.questions", "1", "Questions a member may ask before confirming their email address (answering and commenting wait for the confirmation); -1 lets unconfirmed members post freely"),
    CONFIRM_HOURS("account.confirm.hours", "48", "How long a link confirming an email address works, in hours"),
    RESET_MINUTES("password.reset.minutes", "60", "How long a password reset link works, in minutes"),
    RESET_PER_ACCOUNT("password.reset.limit.account", "3", "Password reset emails allowed per account per 15 minutes"),
    RESET_PER_ADDRESS("password.reset.limit.address", "10", "Password reset requests allowed per client address per 15 minutes"),
    SIGNIN_PER_ADDRESS("signin.limit.address", "20", "Sign-in attempts allowed per client address per 15 minutes"),
    QA_TITLE_MIN("qa.title.min", "15", "Shortest question title, in characters"),
    QA_TITLE_MAX("qa.title.max", "150", "Longest question title, in characters"),
    QA_TAGS_MAX("qa.tags.max", "5", "Most tags a question may have"),
    QA_PAGE_SIZE("qa.page.size", "30", "Questions per page of a list"),
    PAGE_CACHE_SECONDS("page.cache.seconds", "60", "How long anonymous visitors may see a kept copy of a list or question page; 0 turns the page cache off"),
    VIEW_FLUSH_SECONDS("views.flush.seconds", "10", "How often counted page views are written to the database"),
    REP_ANSWER_UPVOTED("rep.answer.upvoted", "10", "Reputation for an upvote on one's answer"),
    REP_QUESTION_UPVOTED("rep.question.upvoted", "5", "Reputation for an upvote on one's question"),
    REP_ANSWER_ACCEPTED("rep.answer.accepted", "15", "Reputation for one's answer being accepted"),
    REP_ACCEPTER("rep.accepter", "2", "Reputation for the asker who accepts an answer"),
    REP_ANSWER_VERIFIED("rep.answer.verified", "25", "Reputation for one's answer being verified by staff"),
    REP_DOWNVOTED("rep.downvoted", "2", "Reputation lost for a downvote received"),
    REP_DOWNVOTE_CAST("rep.downvote.cast", "1", "Reputation a member spends to downvote an answer"),
    REP_DAILY_VOTE_CAP("rep.daily.cap", "200", "Most reputation a member gains from votes in one day (UTC)"),
    HELPER_REPUTATION("helper.reputation", "500", "Reputation needed to become a Helper"),
    HELPER_ANSWERS("helper.answers", "5", "Accepted or verified answers needed to become a Helper"),
    HELPER_ACCOUNT_DAYS("helper.account.days", "14", "Account age in days needed to become a Helper"),
    HELPER_STRIKE_DAYS("helper.strike.days", "90", "Days without a moderation strike needed to become a Helper"),
    HELPER_SWEEP_MINUTES("helper.sweep.minutes", "60", "How often time-dependent Helper criteria are checked"),
    PRIVILEGE_UPVOTE("privilege.upvote", "15", "Reputation needed to upvote"),
    PRIVILEGE_COMMENT("privilege.comment", "50", "Reputation needed to comment on others' posts"),
    PRIVILEGE_DOWNVOTE("privilege.downvote", "125", "Reputation needed to downvote"),
    NEWCOMER_DAYS("newcomer.days", "7", "A member is a newcomer for this many days after joining"),
    NEW_MEMBER_REPUTATION("new.member.reputation", "10", "Below this reputation a member's posts may hold only a few links"),
    NEW_MEMBER_MAX_LINKS("new.member.links", "2", "Most links a post by a new member may hold"),
    PRIVILEGE_FLAG("privilege.flag", "15", "Reputation needed to flag a question, answer or comment"),
    FLAGS_TRUSTED_REPUTATION("flags.trusted.reputation", "100", "Reputation from which a member's flag counts towards hiding a post at once (Helpers' and staff's always count)"),
    FLAGS_HIDE("flags.hide", "3", "Flags from trusted members that hide a post at once, until a reviewer decides"),
    REVIEW_HELPERS("review.helpers", "true", "Helpers may work the review queue at /review (approve, reject, delete as spam, dismiss flags, warn); sanctions stay with staff"),
    PREMODERATION("premoderation", "off", "Pre-moderation of new members' posts: off; first (their first premoderation.posts posts wait for review); links (their posts with links wait)"),
    PREMODERATION_POSTS("premoderation.posts", "2", "With premoderation=first: how many of a member's first posts wait for review"),
    SPAM_QUESTIONS_DAY("spam.new.questions.day", "5", "Questions a new member may post in 24 hours; more wait for review"),
    SPAM_ANSWERS_DAY("spam.new.answers.day", "10", "Answers a new member may post in 24 hours; more wait for review"),
    SPAM_PAUSE_SECONDS("spam.new.pause.seconds", "30", "Shortest pause between two posts of a new member; a quicker post waits for review"),
    SPAM_FORM_SECONDS("spam.form.seconds", "3", "A post sent sooner than this many seconds after its form was shown waits for review (bots fill forms at once)"),
    SPAM_DUPLICATES("spam.duplicates", "true", "A post repeating the text of the same member's earlier post waits for review"),
    WATCHED_NOTIFY("watched.notify", "", "Usernames of staff (comma-separated) notified of each mention of a listened-for watched word; /admin/mentions shows them all"),
    SPAM_BLOCKED_DOMAINS("spam.blocked.domains", "", "Link domains (comma-separated) whose posts wait for review; subdomains match too"),
    LANGUAGE("site.language", "en", "Language of the community: the default interface language and the content language for search: en, ru or cs (changing it rebuilds the index)"),
    SEARCH_PAGE_SIZE("search.page.size", "20", "Results per page of a search"),
    SEARCH_POLL_MS("search.poll.ms", "250", "How often the search indexer looks for changes besides being woken by a commit, in milliseconds"),
    API_RATE_PER_MINUTE("api.rate.minute", "600", "Requests one API token may make per minute; more get 429 with Retry-After"),
    SSO_ISSUER("sso.issuer", "", "Issuer URL of the brand's OpenID Connect provider (its /.well-known/openid-configuration is read); empty turns single sign-on off"),
    SSO_CLIENT_ID("sso.client.id", "", "Client id of Townhall at the OpenID provider"),
    SSO_CLIENT_SECRET("sso.client.secret", "", "Client secret of Townhall at the OpenID provider"),
    SSO_NAME("sso.name", "your company account", "What the sign-in button calls the provider: Sign in with …"),
    SSO_ONLY("sso.only", "false", "Members sign in only through the provider: no sign-up form, no local passwords"),
    SSO_GROUPS_CLAIM("sso.groups.claim", "groups", "The ID token claim that lists the member's groups"),
    SSO_STAFF_GROUP("sso.staff.group", "", "A group (in the groups claim) whose members are staff here; empty leaves roles to Townhall"),
    SSO_PROVIDER_SIGNOUT("sso.signout.provider", "false", "Signing out here also signs out at the provider (its end-session endpoint)"),
    SMTP_HOST("smtp.host", "", "SMTP server that sends Townhall's email; empty keeps every message at /admin/mail (and in the log) instead of sending it"),
    SMTP_PORT("smtp.port", "587", "Port of the SMTP server (587 for STARTTLS, 465 for TLS, 25 for none)"),
    SMTP_USER("smtp.user", "", "User name for the SMTP server; empty signs in as nobody"),
    SMTP_PASSWORD("smtp.password", "", "Password for the SMTP server"),
    SMTP_SECURITY("smtp.security", "starttls", "How the SMTP connection is protected: starttls, tls or none"),
    MAIL_FROM("mail.from", "Townhall <noreply@localhost>", "The From address of Townhall's email, e.g. Northwind Community <community@northwind.example>"),
    NOTIFY_MAIL_DELAY_SECONDS("notify.mail.delay.seconds", "120", "How long a notification waits before it is emailed, so that one read on the site meanwhile is not mailed"),
    NOTIFY_MAIL_POLL_SECONDS("notify.mail.poll.seconds", "15", "How often notifications due for email and digests due are looked for"),
    NOTIFY_DIGEST_HOUR("notify.digest.hour", "8", "The hour (0-23) at which daily and weekly (Monday) digests go out, in notify.digest.zone"),
    NOTIFY_DIGEST_ZONE("notify.digest.zone", "UTC", "The time zone of the digest hour, e.g. Europe/Prague"),
    NOTIFY_FOLLOWUP_DAYS("notify.followup.days", "3", "Days after which an asker whose question has answers but none accepted is asked once whether one solved it; 0 never asks"),
    OUTBOX_ATTEMPTS("outbox.attempts", "12", "How often a side effect (indexing, email, webhook) is tried before it is given up and shown to admins at /admin/outbox"),
    OUTBOX_LONGEST_PAUSE_SECONDS("outbox.pause.max.seconds", "600", "Longest pause between two attempts of a failing side effect; pauses double from one second up to it"),
    WEBHOOKS_ALLOW_LOCAL("webhooks.allow.local", "false", "Accept webhook URLs on http://localhost and http://127.0.0.1 (tests, development); otherwise only https URLs"),
    WEBHOOKS_TIMEOUT_SECONDS("webhooks.timeout.seconds", "10", "How long one webhook delivery waits to connect and for the answer before it counts as failed"),
    IDEAS_VOTE_BUDGET("ideas.vote.budget", "0", "Votes a member may hold at once on the open ideas (new to in progress) of one idea board; a board may set its own. 0: no limit"),
    IDEAS_TRENDING_DAYS("ideas.trending.days", "30", "Days of votes that count when ideas are sorted by trending"),
    ROADMAP_SHIPPED_DAYS("roadmap.shipped.days", "90", "Days a shipped idea stays in the roadmap's Shipped column"),
    INSIGHT_TICKETS_PERCENT("insight.tickets.percent", "30", "Of the questions the community's answers saved (a suggestion opened, no question asked), the share in percent that would have become support tickets: the dashboard's estimate of tickets saved"),
    INSIGHT_QUIET_DAYS("insight.quiet.days", "21", "A Helper who has not posted for this many days (after posting in the 90 before) is listed as going quiet on the dashboard"),
    INSIGHT_ROLLUP_MINUTES("insight.rollup.minutes", "60", "How often the dashboard's daily roll-ups count the days that ended and the weekly report is due"),
    FEEDS_SIZE("feeds.size", "30", "Items in an RSS or Atom feed"),
    UPLOAD_MAX_KB("upload.max.kb", "4096", "Largest image a member may upload into a post, in kilobytes"),
    UPLOAD_MAX_SIDE("upload.max.side", "4000", "Longest side of an uploaded image, in pixels"),
    UPLOAD_NEW_MEMBER_MAX_KB("upload.new.member.max.kb", "1024", "Largest image a new member (below new.member.reputation) may upload, in kilobytes"),
    UPLOAD_NEW_MEMBER_MAX_SIDE("upload.new.member.max.side", "2000", "Longest side of an image a new member uploads, in pixels"),
    METRICS_TOKEN("metrics.token", "", "Bearer token that reads /metrics (Prometheus); empty turns the endpoint off (404)");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() { return key; }

    public String env() { return "TOWNHALL_" + key.toUpperCase().replace('.', '_'); }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }
}
