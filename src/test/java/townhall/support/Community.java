package townhall.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import townhall.account.AccountService;
import townhall.account.Role;
import townhall.support.WebClient.Response;

/** Builds a small community through the real web interface, for Q&A tests. */
public final class Community {
    private static final AtomicInteger names = new AtomicInteger();

    private final TownhallServer server;

    public Community(TownhallServer server) {
        this.server = server;
        server.components().categories.ensure("general", "General", "Anything else", 1);
    }

    /** A new member, signed in. */
    public WebClient member(String name) {
        WebClient browser = server.newClient();
        assertThat(browser.register(unique(name), "a long enough password").status()).isEqualTo(303);
        return browser;
    }

    /** A new staff member, signed in. */
    public WebClient staff(String name) {
        String username = unique(name);
        server.components().accounts.register(
                new AccountService.Registration(username, username + "@example.com", "a long enough password"),
                Role.STAFF);
        WebClient browser = server.newClient();
        assertThat(browser.signIn(username, "a long enough password").status()).isEqualTo(303);
        return browser;
    }

    public long ask(WebClient asker, String title) {
        return ask(asker, title, "Here are the details of my question, with enough words.", "headphones bluetooth");
    }

    public long ask(WebClient asker, String title, String body, String tags) {
        Response response = asker.post("/ask", Map.of("title", title, "body", body, "tags", tags, "category", "general"));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^/q/(\\d+).*$", "$1"));
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
