package townhall.ideas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Idea boards and ideas made through their pages. */
public final class Ideas {
    private Ideas() {}

    /** Makes a new category an idea board (budget empty: the site's); returns the category's id. */
    public static long board(TownhallServer server, WebClient staff, String slug, String budget) {
        long category = server.components().categories.ensure(slug, "Board " + slug, "Ideas for " + slug, 50);
        WebClient.Response response = staff.post("/ideas/boards", Map.of("category", String.valueOf(category),
                "budget", budget));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return category;
    }

    /** Proposes an idea; returns its id. */
    public static long propose(WebClient member, long board, String title) {
        return propose(member, board, title, "It would help a lot of people with their daily work.", "");
    }

    public static long propose(WebClient member, long board, String title, String body, String tags) {
        WebClient.Response response = member.post("/ideas/new", Map.of("board", String.valueOf(board), "title", title,
                "body", body, "tags", tags));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^.*/idea/(\\d+).*$", "$1"));
    }

    public static WebClient.Response vote(WebClient member, long idea) {
        return member.post("/idea/" + idea + "/vote", Map.of());
    }

    public static int votes(WebClient browser, long idea) {
        return Integer.parseInt(browser.page("/idea/" + idea).select(".idea-vote-box .idea-vote-count").text()
                .replaceAll("\\D", ""));
    }

    public static WebClient.Response setStatus(WebClient staff, long idea, String status, String response) {
        return staff.post("/idea/" + idea + "/status", Map.of("status", status, "response", response));
    }

    /** Attaches a poll to an idea, announcement or question; returns the poll's id. */
    public static long poll(TownhallServer server, WebClient by, String kind, long subject, String question,
                            String options, boolean multiple) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("kind", kind, "subject", String.valueOf(subject),
                "pollQuestion", question, "pollOptions", options, "pollCloses", ""));
        if (multiple) {
            form.put("pollMultiple", "1");
        }
        WebClient.Response response = by.post("/polls/new", form);
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        var polls = townhall.db.schema.Tables.POLLS;
        return server.components().database.dsl().select(polls.ID).from(polls)
                .where(polls.SUBJECT_KIND.eq(kind)).and(polls.SUBJECT_ID.eq(subject)).fetchOne(polls.ID);
    }
}
