package townhall.support;

import static townhall.db.schema.Tables.MEMBERS;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import townhall.account.AccountService;
import townhall.account.Role;
import townhall.support.WebClient.Response;

/** Builds a small community through the real web interface, for Q&A tests. */
public final class Community {
    private static final AtomicInteger names = new AtomicInteger();

    private final TownhallServer server;
    private final java.util.Map<WebClient, String> usernames = new java.util.concurrent.ConcurrentHashMap<>();

    public Community(TownhallServer server) {
        this.server = server;
        server.components().categories.ensure("general", "General", "Anything else", 1);
    }

    /** An established member (200 reputation: may vote, downvote and comment anywhere), signed in. */
    public WebClient member(String name) {
        return memberWithReputation(name, 200);
    }

    /** A member who just joined (reputation 1), signed in. */
    public WebClient newcomer(String name) {
        return memberWithReputation(name, 1);
    }

    public WebClient memberWithReputation(String name, int reputation) {
        WebClient browser = server.newClient();
        String username = unique(name);
        assertThat(browser.register(username, "a long enough password").status()).isEqualTo(303);
        // the community's members have followed the link that confirms their address (AccountEmailTest follows it)
        server.components().database.dsl().update(MEMBERS).set(MEMBERS.EMAIL_CONFIRMED_AT, LocalDateTime.now(ZoneOffset.UTC))
                .where(MEMBERS.USERNAME.eq(username)).execute();
        if (reputation > 1) {
            long id = idOf(username);
            server.components().reputationStore.record(id, reputation - 1, "test_grant", null, null,
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(30));
        }
        usernames.put(browser, username);
        return browser;
    }

    /** A Helper (an established member whom staff made a Helper), signed in. */
    public WebClient helper(String name) {
        WebClient browser = member(name);
        server.components().database.dsl().update(MEMBERS).set(MEMBERS.HELPER, true)
                .where(MEMBERS.USERNAME.eq(usernameOf(browser))).execute();
        return browser;
    }

    /** The username a browser of this community is signed in as. */
    public String usernameOf(WebClient browser) {
        return usernames.get(browser);
    }

    public long idOf(String username) {
        return server.components().accountStore.findByUsername(username).orElseThrow().id();
    }

    public long idOf(WebClient browser) {
        return idOf(usernameOf(browser));
    }

    /** A new staff member, signed in. */
    public WebClient staff(String name) {
        return withRole(name, Role.STAFF);
    }

    /** A new administrator, signed in. */
    public WebClient admin(String name) {
        return withRole(name, Role.ADMIN);
    }

    private WebClient withRole(String name, Role role) {
        String username = unique(name);
        server.components().accounts.register(
                new AccountService.Registration(username, username + "@example.com", "a long enough password"),
                role);
        WebClient browser = server.newClient();
        assertThat(browser.signIn(username, "a long enough password").status()).isEqualTo(303);
        usernames.put(browser, username);
        return browser;
    }

    public long ask(WebClient asker, String title) {
        return ask(asker, title, "Here are the details of my question, with enough words.", "headphones bluetooth");
    }

    public long ask(WebClient asker, String title, String body, String tags) {
        Response response = asker.post("/ask", Map.of("title", title, "body", body, "tags", tags, "category", "general"));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*?/q/(\\d+).*$", "$1"));
    }

    public long answer(WebClient author, long questionId, String body) {
        Response response = author.post("/q/" + questionId + "/answers", Map.of("body", body));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*#a(\\d+)$", "$1"));
    }

    private static String unique(String name) {
        return name + names.incrementAndGet();
    }
}
