package townhall.bench;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.SESSIONS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Query;
import townhall.account.Member;
import townhall.account.Role;
import townhall.app.Components;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.qa.PostingService;

/**
 * The community bench/fanout.sh posts answers into: two questions, one in a tag nobody watches and one in a tag
 * that {@code watchers} members watch, and members with sessions who answer. Writes sessions.txt ("session-token
 * csrf-token" per line), quiet-question.txt and popular-question.txt to {@code out}.
 *   FanoutSetup <watchers> <out>      (TOWNHALL_DATA_DIR says where the database lives)
 */
public final class FanoutSetup {
    private static final int ANSWERERS = 40;

    public static void main(String[] args) throws Exception {
        int watchers = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Config config = Config.load(System.getenv()).with(Setting.DEMO, "false");
        long started = System.nanoTime();
        try (Database database = Database.open(config)) {
            Components c = new Components(config, database, Clock.systemUTC());
            DSLContext db = database.dsl();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            c.categories.ensure("general", "General", "Anything else", 1);
            long askerId = c.accountStore.insertMember("fanout-asker", "fanout-asker@bench.example", "x", Role.MEMBER,
                    now, now);
            Member asker = c.accountStore.findById(askerId).orElseThrow();
            long quiet = c.posting.ask(asker, new PostingService.AskForm("A question in a tag that nobody watches",
                    "Answers to this question reach its asker and nobody else.", "fanout-quiet", "general"));
            long popular = c.posting.ask(asker, new PostingService.AskForm("A question in a tag that everyone watches",
                    "Answers to this question reach every member who watches its tag.", "fanout-popular", "general"));
            for (int from = 0; from < watchers; from += 1_000) {
                List<Query> batch = new ArrayList<>();
                for (int i = from; i < Math.min(watchers, from + 1_000); i++) {
                    batch.add(db.insertInto(MEMBERS).set(MEMBERS.USERNAME, "watcher" + i)
                            .set(MEMBERS.EMAIL, "watcher" + i + "@bench.example").set(MEMBERS.PASSWORD_HASH, "x")
                            .set(MEMBERS.ROLE, Role.MEMBER.dbValue()).set(MEMBERS.CREATED_AT, now)
                            .set(MEMBERS.EMAIL_CONFIRMED_AT, now));
                }
                db.batch(batch).execute();
            }
            db.execute("INSERT INTO watches (member_id, target, target_id, watch_level, created_at)"
                    + " SELECT m.id, 'tag', t.id, 1, ? FROM members m JOIN tags t ON t.name = 'fanout-popular'"
                    + " WHERE m.username LIKE 'watcher%'", now);
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < ANSWERERS; i++) {
                long id = c.accountStore.insertMember("answerer" + i, "answerer" + i + "@bench.example", "x",
                        Role.MEMBER, now, now);
                String token = "fanout-session-" + id + "-" + Long.toHexString(System.nanoTime());
                String csrf = String.format("%043d", id);
                db.insertInto(SESSIONS).set(SESSIONS.TOKEN_HASH, sha256(token)).set(SESSIONS.MEMBER_ID, id)
                        .set(SESSIONS.CREATED_AT, now).set(SESSIONS.LAST_SEEN_AT, now)
                        .set(SESSIONS.EXPIRES_AT, now.plusDays(30)).execute();
                sessions.add(token + " " + csrf);
            }
            Files.write(out.resolve("sessions.txt"), sessions);
            Files.writeString(out.resolve("quiet-question.txt"), quiet + "\n");
            Files.writeString(out.resolve("popular-question.txt"), popular + "\n");
            System.out.printf(Locale.ROOT, "Set up %,d watchers of the tag of question %d (question %d: none) in %.1f s%n",
                    watchers, popular, quiet, (System.nanoTime() - started) / 1e9);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
