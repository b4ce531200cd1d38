package townhall.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import townhall.support.WebClient;

/** Writing the FAQ through its staff pages. */
public final class Faqs {
    private Faqs() {}

    /** Creates a section; returns its id. */
    public static long section(WebClient staff, String title) {
        WebClient.Response response = staff.post("/faq/sections", Map.of("sectionTitle", title));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(staff.get("/faq/manage").html()
                .select("section.faq-manage-section:has(h2:containsOwn(" + title + ")) form.inline-form")
                .first().attr("action").replaceAll("\\D+", ""));
    }

    /** Creates an entry; returns its id. */
    public static long entry(WebClient staff, long sectionId, String question, String answer) {
        WebClient.Response response = staff.post("/faq/new", Map.of("section", String.valueOf(sectionId),
                "question", question, "answer", answer));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return Long.parseLong(response.location().replaceAll("^/faq/(\\d+).*$", "$1"));
    }
}
