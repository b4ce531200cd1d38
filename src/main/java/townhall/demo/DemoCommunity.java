package townhall.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import townhall.account.AccountService;
import townhall.account.Member;
import townhall.account.Role;
import java.time.Clock;
import java.util.function.Function;

/**
 * Seeds a small living brand community ("Northwind Audio") into an empty database. It runs once: a marker
 * in site_settings records that it ran, so restarts and a database that already has members are left alone.
 */
public final class DemoCommunity {
    private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);
    private static final String MARKER = "demo.seeded";

    /** Demo accounts; the README lists the same. */
    public static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("admin", "admin@northwind.example", "demo-admin-pass", Role.ADMIN),
            new DemoAccount("sam_staff", "sam@northwind.example", "demo-staff-pass", Role.STAFF),
            new DemoAccount("maria", "maria@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("tomas", "tomas@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("olga", "olga@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("priya", "priya@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("jonas", "jonas@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("kenji", "kenji@example.com", "demo-member-pass", Role.MEMBER),
            new DemoAccount("aisha", "aisha@example.com", "demo-member-pass", Role.MEMBER));

    private final DemoServices c;
    private final Function<Clock, DemoServices> at;

    /** {@code at} builds the same services on another clock: seeding moves one through the past weeks. */
    public DemoCommunity(DemoServices services, Function<Clock, DemoServices> at) {
        this.c = services;
        this.at = at;
    }

    public record DemoAccount(String username, String email, String password, Role role) {}

    /** Reputation the demo members earned before the demo's five weeks of content; tomas ends close to Helper. */
    private static final Map<String, Integer> EARLIER_REPUTATION = Map.of(
            "sam_staff", 300, "maria", 640, "tomas", 420, "olga", 180, "priya", 90, "jonas", 60, "kenji", 75,
            "aisha", 55);

    private static void earlierHistory(DemoServices past, DemoClock clock, Instant now, Map<String, Member> members) {
        clock.set(now.minus(Duration.ofDays(40)));
        EARLIER_REPUTATION.forEach((username, reputation) -> past.reputationStore().record(
                members.get(username).id(), reputation - 1, "earlier_activity", null, null,
                java.time.LocalDateTime.now(clock)));
    }

    public void seedIfEmpty() {
        if (c.siteSettings().get(MARKER).isPresent() || c.accountStore().countMembers() > 0) {
            return;
        }
        log.info("Seeding the demo community...");
        c.categories().ensure("headphones", "Headphones", "Over-ear, in-ear and everything between.", 1);
        c.categories().ensure("speakers", "Speakers", "Bookshelf, wireless and multi-room speakers.", 2);
        c.categories().ensure("app", "Northwind app", "Pairing, firmware updates and the equaliser.", 3);
        c.categories().ensure("orders", "Orders & warranty", "Shipping, returns and repairs.", 4);
        // The same services on a clock that seeding moves, so members join and post over the past weeks.
        Instant now = c.clock().instant();
        DemoClock clock = new DemoClock(now, c.clock().getZone());
        DemoServices past = at.apply(clock);
        Map<String, Member> members = new HashMap<>();
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            DemoAccount account = ACCOUNTS.get(i);
            clock.set(now.minus(Duration.ofDays(150 - 12L * i)));
            members.put(account.username(), past.accounts().register(
                    new AccountService.Registration(account.username(), account.email(), account.password()),
                    account.role()));
        }
        earlierHistory(past, clock, now, members);
        new DemoContent(past, clock, now, members).post();
        clock.set(now.minus(Duration.ofHours(2)));
        Member maria = past.accountStore().findById(members.get("maria").id()).orElseThrow();
        if (!maria.helper()) {
            past.helpers().decide(past.accountStore().findById(members.get("sam_staff").id()).orElseThrow(), maria.id(),
                    "grant", "Long-time product expert whose answers our support team relies on");
        }
        c.siteSettings().put(MARKER, "true");
        StringBuilder banner = new StringBuilder("Demo community ready. Sign in with:");
        for (DemoAccount account : ACCOUNTS) {
            banner.append(String.format("%n    %-10s %-17s (%s)", account.username(), account.password(),
                    account.role().dbValue()));
        }
        log.info(banner.toString());
    }
}
