package townhall.notify;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.NOTIFICATIONS;
import static townhall.db.schema.Tables.SITE_SETTINGS;
import static townhall.db.schema.Tables.WATCHES;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import townhall.db.Database;
import townhall.i18n.Text;
import townhall.mail.Letter;
import townhall.mail.Mailer;

/**
 * Emails notifications: those wanted at once after a short wait (one read on the site meanwhile is not mailed),
 * one letter per member and kind, with a one-click unsubscribe from that kind; and the daily or weekly digest.
 * Each notification is mailed at most once: its mail state moves to 'sent' (or 'read') in the letter's transaction.
 */
public final class NotificationMail {
    private static final int BATCH = 500;

    private final Database database;
    private final DSLContext db;
    private final Mailer mailer;
    private final UnsubscribeLinks unsubscribes;
    private final String siteLanguage;
    private final Duration delay;
    private final Clock clock;

    private final List<DigestSection> sections;
    private final ZoneId zone;
    private final int digestHour;

    public NotificationMail(Database database, Mailer mailer, UnsubscribeLinks unsubscribes, String siteLanguage,
                            Duration delay, List<DigestSection> sections, ZoneId zone, int digestHour, Clock clock) {
        this.sections = List.copyOf(sections);
        this.zone = zone;
        this.digestHour = digestHour;
        this.database = database;
        this.db = database.background();
        this.mailer = mailer;
        this.unsubscribes = unsubscribes;
        this.siteLanguage = siteLanguage;
        this.delay = delay;
        this.clock = clock;
    }

    /** A notification waiting for email, with its member's address and language. */
    record Due(long id, long memberId, String email, String language, boolean confirmed, Kind kind, Text message,
               String link, Long questionId, boolean read) {}

    /** Mails what is due now; returns how many letters were written. */
    public int sendDue() {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Due> due = due(Delivery.NOW, now.minus(delay));
        if (due.isEmpty()) {
            return 0;
        }
        return database.inTransaction(() -> {
            Map<String, List<Due>> letters = new LinkedHashMap<>();
            List<Long> read = new ArrayList<>();
            List<Long> sent = new ArrayList<>();
            for (Due d : due) {
                if (d.read() || !d.confirmed()) {
                    read.add(d.id());
                } else {
                    letters.computeIfAbsent(d.memberId() + "/" + d.kind().code(), k -> new ArrayList<>()).add(d);
                    sent.add(d.id());
                }
            }
            letters.values().forEach(this::writeLetter);
            mark(read, "read");
            mark(sent, "sent");
            return letters.size();
        });
    }

    /**
     * Sends the daily digest, and on Mondays the weekly one, once the digest hour has come in the digest's time
     * zone; each at most once a day, whichever node gets there first. Returns how many digests were written.
     */
    public int sendDigestsIfDue() {
        ZonedDateTime local = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        if (local.getHour() < digestHour) {
            return 0;
        }
        String today = local.toLocalDate().toString();
        int sent = 0;
        if (claim("notify_digest_daily", today)) {
            sent += sendDigest(Delivery.DAILY, LocalDateTime.now(clock).minusDays(1));
        }
        if (local.getDayOfWeek() == DayOfWeek.MONDAY && claim("notify_digest_weekly", today)) {
            sent += sendDigest(Delivery.WEEKLY, LocalDateTime.now(clock).minusDays(7));
        }
        return sent;
    }

    /** Marks the digest of a period as sent today; false when it already was (here or on another node). */
    private boolean claim(String name, String today) {
        db.insertInto(SITE_SETTINGS).set(SITE_SETTINGS.NAME, name).set(SITE_SETTINGS.VALUE, "")
                .onDuplicateKeyIgnore().execute();
        return db.update(SITE_SETTINGS).set(SITE_SETTINGS.VALUE, today).where(SITE_SETTINGS.NAME.eq(name))
                .and(SITE_SETTINGS.VALUE.ne(today)).execute() == 1;
    }

    /**
     * One digest per member who has notifications waiting for this period, or watches tags' unanswered questions:
     * what happened to their posts, in what they watch, the unanswered questions of their tags, new FAQ entries;
     * each notification in one digest only (its mail state becomes 'sent'), and nothing listed twice.
     */
    public int sendDigest(Delivery period, LocalDateTime since) {
        LocalDateTime now = LocalDateTime.now(clock);
        Map<Long, List<Due>> pending = new LinkedHashMap<>();
        List<Due> batch;
        do {
            batch = due(period, now);
            List<Long> read = batch.stream().filter(d -> d.read() || !d.confirmed()).map(Due::id).toList();
            mark(read, "read");
            batch.stream().filter(d -> !d.read() && d.confirmed())
                    .forEach(d -> pending.computeIfAbsent(d.memberId(), k -> new ArrayList<>()).add(d));
            mark(batch.stream().filter(d -> !d.read() && d.confirmed()).map(Due::id).toList(), "digest");
        } while (batch.size() == BATCH);
        Map<Long, Set<Long>> unansweredTags = new HashMap<>();
        if (period == Delivery.DAILY) { // the Helpers' feed comes daily, with or without other news
            db.select(WATCHES.MEMBER_ID, WATCHES.TARGET_ID).from(WATCHES)
                    .where(WATCHES.TARGET.eq(Target.UNANSWERED.code())).and(WATCHES.WATCH_LEVEL.eq((byte) WatchStore.WATCH))
                    .forEach(r -> unansweredTags.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        }
        Set<Long> members = new LinkedHashSet<>(pending.keySet());
        members.addAll(unansweredTags.keySet());
        if (members.isEmpty()) {
            return 0;
        }
        Map<Long, Recipient> recipients = recipients(members);
        Map<String, Map<Long, List<DigestSection.Line>>> extra = new LinkedHashMap<>();
        for (DigestSection section : sections) {
            extra.put(section.heading(), section.lines(members, unansweredTags, since));
        }
        int written = 0;
        for (long member : members) {
            Recipient to = recipients.get(member);
            if (to == null || !to.confirmed()) {
                continue;
            }
            List<Map<String, Object>> digest = digestSections(pending.getOrDefault(member, List.of()), extra, member);
            boolean news = digest.stream().anyMatch(s -> !"notify.digest.faq".equals(s.get("heading")));
            List<Long> ids = pending.getOrDefault(member, List.of()).stream().map(Due::id).toList();
            database.inTransaction(() -> {
                if (news) {
                    Map<String, Object> model = new HashMap<>();
                    model.put("sections", digest);
                    model.put("period", period.code());
                    model.put("unsubscribePath", unsubscribes.path(member, UnsubscribeLinks.DIGEST));
                    mailer.send(Letter.bulk(to.email(), member, to.language(), "digest", model));
                }
                mark(ids, "sent");
            });
            written += news ? 1 : 0;
        }
        return written;
    }

    private record Recipient(String email, String language, boolean confirmed) {}

    private Map<Long, Recipient> recipients(Set<Long> members) {
        Map<Long, Recipient> out = new HashMap<>();
        db.select(MEMBERS.ID, MEMBERS.EMAIL, MEMBERS.LANGUAGE, MEMBERS.EMAIL_CONFIRMED_AT).from(MEMBERS)
                .where(MEMBERS.ID.in(members)).forEach(r -> out.put(r.value1(), new Recipient(r.value2(),
                        r.value3() == null ? siteLanguage : r.value3(), r.value4() != null)));
        return out;
    }

    /** The digest's sections with lines: the member's own news, what they watch, then the features' sections. */
    static List<Map<String, Object>> digestSections(List<Due> pending, Map<String, Map<Long, List<DigestSection.Line>>> extra,
                                                    long member) {
        Set<Kind> watchedKinds = Set.of(Kind.WATCHED, Kind.TAGS);
        List<Due> own = pending.stream().filter(d -> !watchedKinds.contains(d.kind()) && d.kind() != Kind.UNANSWERED).toList();
        List<Due> watched = pending.stream().filter(d -> watchedKinds.contains(d.kind())).toList();
        List<Due> unanswered = pending.stream().filter(d -> d.kind() == Kind.UNANSWERED).toList();
        Set<Long> listed = new HashSet<>();
        pending.forEach(d -> listed.add(d.questionId()));
        List<Map<String, Object>> out = new ArrayList<>();
        add(out, "notify.digest.yours", items(own));
        add(out, "notify.digest.watched", items(watched));
        List<Map<String, Object>> unansweredItems = new ArrayList<>(items(unanswered));
        for (var section : extra.entrySet()) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (DigestSection.Line line : section.getValue().getOrDefault(member, List.of())) {
                if (line.questionId() == null || listed.add(line.questionId())) {
                    lines.add(Map.of("key", "notify.digest.line", "args", Map.of("title", line.title(), "count", 1),
                            "path", line.path()));
                }
            }
            if (section.getKey().equals("notify.digest.unanswered")) {
                unansweredItems.addAll(lines);
            } else {
                add(out, section.getKey(), lines);
            }
        }
        add(out, "notify.digest.unanswered", unansweredItems);
        return out;
    }

    private static void add(List<Map<String, Object>> sections, String heading, List<Map<String, Object>> items) {
        if (!items.isEmpty()) {
            sections.add(Map.of("heading", heading, "items", items));
        }
    }

    List<Due> due(Delivery delivery, LocalDateTime createdUpTo) {
        return db.select(NOTIFICATIONS.ID, NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.KIND, NOTIFICATIONS.MESSAGE,
                        NOTIFICATIONS.LINK, NOTIFICATIONS.QUESTION_ID, NOTIFICATIONS.READ_AT, MEMBERS.EMAIL,
                        MEMBERS.LANGUAGE, MEMBERS.EMAIL_CONFIRMED_AT)
                .from(NOTIFICATIONS).join(MEMBERS).on(MEMBERS.ID.eq(NOTIFICATIONS.MEMBER_ID))
                .where(NOTIFICATIONS.MAIL.eq(delivery.code())).and(NOTIFICATIONS.CREATED_AT.le(createdUpTo))
                .orderBy(NOTIFICATIONS.ID).limit(BATCH)
                .fetch(this::due);
    }

    private Due due(Record r) {
        return new Due(r.get(NOTIFICATIONS.ID), r.get(NOTIFICATIONS.MEMBER_ID), r.get(MEMBERS.EMAIL),
                r.get(MEMBERS.LANGUAGE) == null ? siteLanguage : r.get(MEMBERS.LANGUAGE),
                r.get(MEMBERS.EMAIL_CONFIRMED_AT) != null, Kind.of(r.get(NOTIFICATIONS.KIND)).orElse(Kind.MESSAGE),
                Text.decode(r.get(NOTIFICATIONS.MESSAGE)), r.get(NOTIFICATIONS.LINK), r.get(NOTIFICATIONS.QUESTION_ID),
                r.get(NOTIFICATIONS.READ_AT) != null);
    }

    void mark(List<Long> ids, String state) {
        if (!ids.isEmpty()) {
            db.update(NOTIFICATIONS).set(NOTIFICATIONS.MAIL, state).where(NOTIFICATIONS.ID.in(ids)).execute();
        }
    }

    /** The lines of a letter: alike notifications (same message, same question) become one with their count. */
    static List<Map<String, Object>> items(List<Due> notifications) {
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        for (Due d : notifications) {
            String key = d.message().key() + "/" + d.questionId();
            Map<String, Object> item = items.get(key);
            if (item == null || d.questionId() == null) {
                Map<String, Object> args = new HashMap<>();
                d.message().args().forEach((name, value) -> args.put(name,
                        value instanceof Text t ? t.key() : value));
                args.put("count", 1);
                item = new HashMap<>();
                item.put("key", d.message().key());
                item.put("args", args);
                item.put("path", d.link() == null ? "" : d.link());
                item.put("kind", d.kind().code());
                items.put(d.questionId() == null ? key + "/" + d.id() : key, item);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> args = (Map<String, Object>) item.get("args");
                args.put("count", (Integer) args.get("count") + 1);
            }
        }
        return new ArrayList<>(items.values());
    }

    private void writeLetter(List<Due> notifications) {
        Due first = notifications.get(0);
        Map<String, Object> model = new HashMap<>();
        model.put("items", items(notifications));
        model.put("kind", first.kind().code());
        model.put("unsubscribePath", unsubscribes.path(first.memberId(), first.kind()));
        mailer.send(Letter.bulk(first.email(), first.memberId(), first.language(), "notification", model));
    }
}
