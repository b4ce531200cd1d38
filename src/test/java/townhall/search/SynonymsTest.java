package townhall.search;

import static org.assertj.core.api.Assertions.assertThat;
import static townhall.search.Searching.awaitSearch;
import static townhall.search.Searching.page;
import static townhall.search.Searching.search;
import static townhall.search.Searching.titles;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.support.Community;
import townhall.support.TownhallServer;
import townhall.support.WebClient;

/** Staff teach search the community's nicknames and old product names; they apply at once. */
class SynonymsTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();
    static Community community;
    static WebClient staff;
    static WebClient member;

    @BeforeAll
    static void setUp() {
        community = new Community(server);
        staff = community.staff("namer");
        member = community.member("nicknamer");
        community.ask(member, "Northwind One loses sound in the left ear", "Sound drops out on the left side.", "audio");
        community.ask(member, "Aurora speaker will not turn on", "The Aurora stays dark after charging.", "speaker");
        awaitSearch(member, "sound", t -> !t.isEmpty());
        awaitSearch(member, "speaker", t -> !t.isEmpty());
    }

    @Test
    void nicknamesAndOldNamesFindTheProductOnceStaffSaveThem() {
        assertThat(staff.post("/search/synonyms", Map.of("synonyms", "")).status()).isEqualTo(200);
        assertThat(titles(search(member, "nw1"))).isEmpty();
        assertThat(titles(search(member, "skylight speaker"))).isNotEmpty(); // finds "speaker", but not by the old name
        assertThat(titles(search(member, "skylight"))).isEmpty();

        WebClient.Response saved = staff.post("/search/synonyms", Map.of("synonyms",
                "# product nicknames\nnw1, northwind one\nskylight => aurora"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.html().select("[role=status]").text()).contains("Saved");

        assertThat(titles(search(member, "nw1 left ear"))).first().isEqualTo("Northwind One loses sound in the left ear");
        assertThat(titles(search(member, "NW1"))).containsExactly("Northwind One loses sound in the left ear");
        assertThat(titles(search(member, "skylight"))).containsExactly("Aurora speaker will not turn on");
        assertThat(titles(search(member, "northwind one"))).containsExactly("Northwind One loses sound in the left ear");

        Document form = page(staff, "/search/synonyms");
        assertThat(form.select("#synonyms").text()).contains("nw1, northwind one").contains("skylight => aurora");
    }

    @Test
    void aRuleThatCannotBeReadIsExplainedAndNothingChanges() {
        staff.post("/search/synonyms", Map.of("synonyms", "nw1, northwind one"));
        WebClient.Response response = staff.post("/search/synonyms", Map.of("synonyms", "nw1, northwind one\njust-one-word"));
        assertThat(response.status()).isEqualTo(422);
        Document page = response.html();
        assertThat(page.select("#synonyms-error").text()).contains("Line 2");
        assertThat(page.select("#synonyms").text()).contains("just-one-word");
        assertThat(page(staff, "/search/synonyms").select("#synonyms").text()).isEqualTo("nw1, northwind one");
        assertThat(titles(search(member, "nw1"))).containsExactly("Northwind One loses sound in the left ear");
    }

    @Test
    void onlyStaffSeeAndEditSynonyms() {
        assertThat(member.get("/search/synonyms").status()).isEqualTo(403);
        assertThat(member.post("/search/synonyms", Map.of("synonyms", "a, b")).status()).isEqualTo(403);
        assertThat(server.newClient().get("/search/synonyms").location()).startsWith("/signin");
    }
    @Test
    void anAbbreviationAndItsWordsFindEachOtherBothWays() {
        community.ask(member, "Active noise cancelling hisses in a quiet room", "A faint hiss with nothing playing.", "audio");
        community.ask(member, "ANC button does nothing on the Kestrel", "Pressing it changes nothing.", "buttons");
        community.ask(member, "Noise from the charging cable", "A buzz when cancelling a download.", "cable");
        awaitSearch(member, "hisses quiet room", t -> !t.isEmpty());
        awaitSearch(member, "button Kestrel", t -> !t.isEmpty());
        awaitSearch(member, "charging cable buzz", t -> !t.isEmpty());
        assertThat(staff.post("/search/synonyms", Map.of("synonyms",
                "anc, active noise cancelling, active noise cancellation\nrma, return to manufacturer\nnw1, northwind one")).status()).isEqualTo(200);

        assertThat(titles(search(member, "anc hiss"))).first().isEqualTo("Active noise cancelling hisses in a quiet room");
        assertThat(titles(search(member, "ANC"))).contains("Active noise cancelling hisses in a quiet room",
                "ANC button does nothing on the Kestrel").doesNotContain("Noise from the charging cable");
        assertThat(titles(search(member, "active noise cancellation button"))).first()
                .isEqualTo("ANC button does nothing on the Kestrel");
        community.ask(member, "How long does an RMA take?", "The earbuds went back last week.", "warranty");
        awaitSearch(member, "earbuds went back", t -> !t.isEmpty());
        assertThat(titles(search(member, "return to the manufacturer"))).first()
                .isEqualTo("How long does an RMA take?");

        Document page = search(member, "anc");
        assertThat(page.select(".search-result:has(.result-title:contains(hisses)) .result-title mark").eachText())
                .containsExactly("Active", "noise", "cancelling");
    }
}
