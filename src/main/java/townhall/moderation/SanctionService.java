package townhall.moderation;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import townhall.account.AccountStore;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.mail.Letter;
import townhall.mail.Mailer;
import townhall.notify.Notifier;
import townhall.reputation.HelperService;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.web.NotFound;

/**
 * Warn (a message the member must acknowledge), silence (reads, cannot post) and suspend (cannot sign in) for a number
 * of days with a reason. The member is told why and until when; each counts as a moderation strike for Helper status.
 */
public final class SanctionService {
    public static final List<String> KINDS = List.of("warn", "silence", "suspend");
    public static final int MAX_DAYS = 3650;
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Database database;
    private final ModerationStore store;
    private final AccountStore accounts;
    private final Privileges privileges;
    private final HelperService helpers;
    private final Notifier notifier;
    private final Mailer mailer;
    private final String siteLanguage;
    private final Clock clock;

    public SanctionService(Database database, ModerationStore store, AccountStore accounts, Privileges privileges,
                           HelperService helpers, Notifier notifier, Mailer mailer, String siteLanguage, Clock clock) {
        this.siteLanguage = siteLanguage;
        this.database = database;
        this.store = store;
        this.accounts = accounts;
        this.privileges = privileges;
        this.helpers = helpers;
        this.notifier = notifier;
        this.mailer = mailer;
        this.clock = clock;
    }

    public void sanction(Member actor, long memberId, String kind, String days, String reason) {
        String what = kind == null ? "" : kind.strip();
        if (!KINDS.contains(what)) {
            throw InvalidInput.of("kind", "moderation.error.sanction.kind");
        }
        if ("warn".equals(what) ? !privileges.mayWarn(actor) : !privileges.maySanction(actor)) {
            throw new NotAllowed("moderation.denied.sanction");
        }
        Member member = accounts.findById(memberId).orElseThrow(NotFound::new);
        if (member.isStaff() || member.id() == actor.id()) {
            throw new NotAllowed("moderation.denied.sanction.staff");
        }
        String why = reason == null ? "" : reason.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (why.isEmpty()) {
            errors.add("reason", "moderation.error.sanction.reason");
        } else if (why.length() > ReviewService.NOTE_MAX) {
            errors.add("reason", "moderation.error.note.long", "max", ReviewService.NOTE_MAX);
        }
        int length = 0;
        if (!"warn".equals(what)) {
            try {
                length = Integer.parseInt(days == null ? "" : days.strip());
            } catch (NumberFormatException e) {
                length = 0;
            }
            if (length < 1 || length > MAX_DAYS) {
                errors.add("days", "moderation.error.sanction.days", "max", MAX_DAYS);
            }
        }
        errors.throwIfAny();
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime until = "warn".equals(what) ? null : now.plusDays(length);
        database.inTransaction(() -> {
            store.insertSanction(memberId, what, why, until, actor.id(), now);
            switch (what) {
                case "warn" -> accounts.setWarningPending(memberId, true);
                case "silence" -> accounts.setSilence(memberId, until);
                default -> accounts.setSuspension(memberId, until, why);
            }
            helpers.sanctioned(memberId, actor.id(), what + ": " + why);
            String untilText = until == null ? "" : until.format(UNTIL) + " UTC";
            notifier.notify(memberId, Text.of("moderation.notify." + what, "reason", why, "until", untilText),
                    "/warnings");
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("username", member.username());
            model.put("kind", what);
            model.put("reason", why);
            model.put("until", untilText);
            mailer.send(Letter.transactional(member.email(), member.id(),
                    member.language() == null ? siteLanguage : member.language(), "moderation_sanction", model));
            store.log(actor.id(), what, memberId, null, why + (until == null ? "" : " (until " + untilText + ")"), now);
        });
    }

    /** Lifts a silence or suspension early. */
    public void lift(Member actor, long memberId) {
        if (!privileges.maySanction(actor)) {
            throw new NotAllowed("moderation.denied.sanction");
        }
        accounts.findById(memberId).orElseThrow(NotFound::new);
        database.inTransaction(() -> {
            accounts.setSilence(memberId, null);
            accounts.setSuspension(memberId, null, null);
            store.log(actor.id(), "lift", memberId, null, "", LocalDateTime.now(clock));
        });
    }

    /** The member read their warnings: the banner goes. */
    public void acknowledge(Member member) {
        database.inTransaction(() -> {
            store.acknowledgeWarnings(member.id(), LocalDateTime.now(clock));
            accounts.setWarningPending(member.id(), false);
        });
    }

    public List<ModerationStore.Sanction> sanctionsOf(long memberId) {
        return store.sanctionsOf(memberId);
    }
}
