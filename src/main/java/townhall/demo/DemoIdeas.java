package townhall.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.ideas.AnnouncementService;
import townhall.ideas.IdeaService;
import townhall.ideas.IdeaStore;
import townhall.ideas.PollService;
import townhall.ideas.Polls;
import townhall.qa.CategoryStore;

/**
 * The demo community's ideas board with voted ideas in every column of the roadmap (one duplicate merged), a pinned
 * announcement, an upcoming and a past event, and a poll. Seeds only a site without idea boards, after the demo's
 * members exist: {@code new DemoIdeas(...).seedIfEmpty()}.
 */
public final class DemoIdeas {
    private static final Logger log = LoggerFactory.getLogger(DemoIdeas.class);

    private record Proposal(String author, String title, String body, String tags, List<String> voters, String status,
                            String response) {}

    private static final List<Proposal> PROPOSALS = List.of(
            new Proposal("maria", "Show the battery level of each earbud in the app",
                    "Today the app shows one number for both earbuds. When one runs out first I only notice when it stops.",
                    "app battery", List.of("tomas", "olga", "priya", "jonas", "kenji", "aisha"), "shipped",
                    "Shipped in app version **4.2**: each earbud and the case now show their own level."),
            new Proposal("tomas", "A travel case that also holds the USB-C cable",
                    "The hard case fits the headphones but not the cable. A small pocket inside would do.",
                    "accessories travel", List.of("maria", "olga", "kenji", "aisha"), "planned",
                    "We like this one: a new case with a cable pocket is planned for the spring collection."),
            new Proposal("olga", "Let the equaliser presets follow the connected device",
                    "I use a bass-heavy preset on my phone and a flat one on my laptop, and switch by hand every time.",
                    "app equaliser", List.of("maria", "tomas", "priya"), "progress",
                    "Our app team is building this now; beta testers will see it first."),
            new Proposal("priya", "Multi-room playback across older Northwind speakers",
                    "The 2019 speakers cannot join a multi-room group with the new ones. Please add them.",
                    "speakers multiroom", List.of("jonas", "kenji"), "declined",
                    "The 2019 speakers lack the radio that multi-room needs, so we cannot add them, sorry."),
            new Proposal("jonas", "A quieter start-up sound, or none at all",
                    "The chime when switching on is loud with the headphones already on my ears.",
                    "headphones sound", List.of("aisha", "maria"), "review", ""),
            new Proposal("kenji", "Offer replacement ear cushions in more sizes",
                    "Small and large cushions would make the over-ear model fit more heads.",
                    "accessories comfort", List.of("olga"), "new", ""));

    private final Clock clock;
    private final AccountStore accounts;
    private final CategoryStore categories;
    private final IdeaService ideas;
    private final IdeaStore ideaStore;
    private final AnnouncementService announcements;
    private final PollService polls;

    public DemoIdeas(Clock clock, AccountStore accounts, CategoryStore categories, IdeaService ideas,
                     IdeaStore ideaStore, AnnouncementService announcements, PollService polls) {
        this.clock = clock;
        this.accounts = accounts;
        this.categories = categories;
        this.ideas = ideas;
        this.ideaStore = ideaStore;
        this.announcements = announcements;
        this.polls = polls;
    }

    public void seedIfEmpty() {
        Optional<Member> staff = accounts.findByUsername("sam_staff");
        if (!ideaStore.boards(0, townhall.qa.Audience.STAFF).isEmpty() || staff.isEmpty() || accounts.findByUsername("maria").isEmpty()) {
            return;
        }
        Member sam = staff.get();
        long board = categories.ensure("product-ideas", "Product ideas", "Ideas for Northwind products and the app: vote for the ones you want.", 5);
        ideas.saveBoard(sam, String.valueOf(board), "10");
        long first = 0;
        for (Proposal p : PROPOSALS) {
            long id = ideas.propose(member(p.author()), new IdeaService.IdeaForm(String.valueOf(board), p.title(), p.body(),
                    p.tags()));
            first = first == 0 ? id : first;
            for (String voter : p.voters()) {
                ideas.vote(member(voter), id);
            }
            if (!"new".equals(p.status())) {
                ideas.setStatus(sam, id, p.status(), p.response());
            }
            if (p.title().startsWith("A travel case")) {
                polls.create(sam, Polls.IDEA, id, member(p.author()).id(), new PollService.PollForm(
                        "Which colour should the travel case come in?", "Black\nSand\nOlive green", false, ""));
                long poll = 0;
                for (Map.Entry<String, Integer> vote : Map.of("maria", 0, "olga", 1, "kenji", 1).entrySet()) {
                    poll = poll == 0 ? pollId(id) : poll;
                    polls.vote(member(vote.getKey()), poll, List.of(String.valueOf(optionId(poll, vote.getValue()))));
                }
            }
        }
        long duplicate = ideas.propose(member("aisha"), new IdeaService.IdeaForm(String.valueOf(board),
                "Battery percentage per earbud", "I would like to see how full each earbud is, not just both together.",
                "battery"));
        ideas.vote(member("kenji"), duplicate);
        ideas.merge(sam, duplicate, String.valueOf(first));

        LocalDate today = LocalDate.now(clock);
        announcements.publish(sam, new AnnouncementService.Form("", "Firmware 3.1 for the over-ear headphones is out",
                "Update from the Northwind app: it improves noise cancelling in wind and fixes pairing with some cars.",
                today.plusDays(14).toString(), "", "", "UTC", "", ""));
        long live = announcements.publish(sam, new AnnouncementService.Form("", "Live Q&A with the Northwind audio team",
                "Our engineers answer your questions about sound, firmware and the roadmap. Bring your questions!",
                "", today.plusDays(10) + "T18:00", today.plusDays(10) + "T19:00", "Europe/Prague", "",
                "https://meet.northwind.example/live-qa"));
        polls.create(sam, Polls.ANNOUNCEMENT, live, sam.id(), new PollService.PollForm(
                "What should the engineers talk about first?", "Noise cancelling\nBattery life\nThe app", true, ""));
        announcements.publish(sam, new AnnouncementService.Form("", "Northwind meetup in Prague",
                "Thanks to everyone who came to try the new speakers with us.", "", today.minusDays(20) + "T17:00",
                today.minusDays(20) + "T20:00", "Europe/Prague", "Northwind Store, Na Příkopě 1, Prague", ""));
        log.info("Demo ideas seeded: {} ideas on one board, announcements, events and polls", PROPOSALS.size() + 1);
    }

    private long pollId(long ideaId) {
        return polls.pollOf(Polls.IDEA, ideaId).orElseThrow();
    }

    private long optionId(long pollId, int index) {
        return polls.optionIds(pollId).get(index);
    }

    private Member member(String username) {
        return accounts.findByUsername(username).orElseThrow();
    }

}
