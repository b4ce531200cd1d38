package townhall.bench;

import static townhall.db.schema.Tables.CATEGORIES;
import static townhall.db.schema.Tables.COMMENTS;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_TAGS;
import static townhall.db.schema.Tables.REPUTATION_EVENTS;
import static townhall.db.schema.Tables.SESSIONS;
import static townhall.db.schema.Tables.TAGS;
import static townhall.db.schema.Tables.VOTES;

import townhall.config.Config;
import townhall.config.Setting;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import townhall.config.Config;
import townhall.config.Setting;
import townhall.db.Database;
import townhall.importer.ImportStore;
import townhall.qa.QuestionLinks;

/**
 * Creates a realistic community of any size directly in the database: members, questions, answers, comments and
 * votes with realistic lengths, Zipf-distributed tags and activity, and text drawn from a real dump's vocabulary.
 * Writes multi-row inserts in batches; then writes the path and session files the load benchmarks use.
 *
 * <p>Usage: {@code GenerateCommunity <posts> <stack exchange dump folder> <output folder>}; database settings
 * come from the usual TOWNHALL_* variables.
 */
public final class GenerateCommunity {
    private static final String[] OPENERS = {"How do I", "Why does my", "What is the best way to", "Can I",
            "Is it possible to", "Which", "When should I", "Where can I find", "Does anyone know why", "How often should I"};
    private static final int BATCH = 2_000;
    private static final int BENCH_MEMBERS_WITH_SESSIONS = 200;

    private final DSLContext db;
    private final Vocabulary vocabulary;
    private final Random random = new Random(42);
    private final LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
    private final long spanMinutes = 3L * 365 * 24 * 60;

    private final List<Object[]> members = new ArrayList<>();
    private final List<Object[]> posts = new ArrayList<>();
    private final List<Object[]> questions = new ArrayList<>();
    private final List<Object[]> questionTags = new ArrayList<>();
    private final List<Object[]> comments = new ArrayList<>();
    private final List<Object[]> votes = new ArrayList<>();

    private GenerateCommunity(DSLContext db, Vocabulary vocabulary) {
        this.db = db;
        this.vocabulary = vocabulary;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sessions")) { // GenerateCommunity sessions <out>: sessions.txt again, for a community made before
            try (Database database = Database.open(Config.load(System.getenv()).with(Setting.DEMO, "false"))) {
                Long first = database.dsl().select(DSL.min(MEMBERS.ID)).from(MEMBERS)
                        .where(MEMBERS.EMAIL.like("%@bench.invalid")).fetchOne().value1();
                new GenerateCommunity(database.dsl(), null).writeSessions(Path.of(args[1]), first);
            }
            return;
        }
        int target = Integer.parseInt(args[0]);
        Path dump = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Config config = Config.load(System.getenv()).with(Setting.DEMO, "false");
        long started = System.nanoTime();
        try (Database database = Database.open(config)) {
            GenerateCommunity generator = new GenerateCommunity(database.dsl(), Vocabulary.fromDump(dump));
            long posts = generator.generate(target, out);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "Generated %,d posts in %.1f s (%,.0f posts/s)%n", posts, seconds, posts / seconds);
        }
    }

    private long generate(int target, Path out) throws Exception {
        long firstMember = nextId(MEMBERS, MEMBERS.ID);
        long firstPost = nextId(POSTS, POSTS.ID);
        int memberCount = Math.max(1_000, target / 10);
        long categoryId = ensureCategory();
        List<Long> tagIds = ensureTags();
        Zipf activity = new Zipf(memberCount, 1.0);
        Zipf tagRanks = new Zipf(tagIds.size(), 1.1);
        for (int i = 0; i < memberCount; i++) {
            LocalDateTime joined = at(random.nextDouble() * 0.9);
            members.add(new Object[] {firstMember + i, "member" + (firstMember + i),
                    "member" + (firstMember + i) + "@bench.invalid", "!", i < 3 ? "staff" : "member", joined,
                    i < BENCH_MEMBERS_WITH_SESSIONS ? 600 : 1});
        }
        flushMembers();
        long staffId = firstMember;
        long postId = firstPost;
        long generated = 0;
        int questionNumber = 0;
        List<Long> typical = new ArrayList<>();
        List<Long> big = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        try (PrintWriter typicalPaths = writer(out, "question-paths.txt");
             PrintWriter bigPaths = writer(out, "big-question-paths.txt");
             PrintWriter openIds = writer(out, "question-ids.txt")) {
            while (generated < target) {
                double when = Math.min(0.999, (double) generated / target);
                LocalDateTime asked = at(when);
                long questionId = postId++;
                long askerIndex = activity.sample(random);
                long asker = firstMember + askerIndex;
                boolean bigOne = questionNumber % 2_000 == 1_000;
                int answers = bigOne ? 30 : answerCount();
                String title = title();
                String body = paragraphs(40 + (int) Math.min(400, Math.exp(random.nextGaussian() * 0.6 + 4.3)));
                LocalDateTime lastActivity = asked;
                List<Long> answerIds = new ArrayList<>();
                posts.add(post(questionId, "question", null, asker, body, asked, 0));
                for (int a = 0; a < answers; a++) {
                    long answerId = postId++;
                    long author = firstMember + activity.sample(random);
                    LocalDateTime answeredAt = asked.plusMinutes(10 + (long) (random.nextDouble() * 60 * 24 * (a + 1)));
                    lastActivity = answeredAt.isAfter(lastActivity) ? answeredAt : lastActivity;
                    int score = addVotes(answerId, firstMember, memberCount, answeredAt);
                    posts.add(post(answerId, "answer", questionId, author,
                            paragraphs(20 + (int) Math.min(300, Math.exp(random.nextGaussian() * 0.7 + 3.9))), answeredAt, score));
                    addComments(answerId, firstMember, activity, answeredAt, bigOne ? 2 : random.nextInt(10) < 2 ? 1 : 0);
                    answerIds.add(answerId);
                }
                int questionScore = addVotes(questionId, firstMember, memberCount, asked);
                posts.get(posts.size() - answers - 1)[6] = questionScore;
                addComments(questionId, firstMember, activity, asked, random.nextInt(10) < 3 ? 1 : 0);
                Long accepted = !answerIds.isEmpty() && random.nextDouble() < 0.45 ? answerIds.get(0) : null;
                Long verified = !answerIds.isEmpty() && random.nextDouble() < 0.06
                        ? answerIds.get(random.nextInt(answerIds.size())) : null;
                String slug = QuestionLinks.slugOf(title);
                questions.add(new Object[] {questionId, title, slug, excerpt(body), categoryId,
                        answers, (long) Math.exp(random.nextGaussian() + 4), lastActivity, accepted,
                        accepted == null ? null : lastActivity, verified, verified == null ? null : staffId,
                        verified == null ? null : lastActivity, false});
                Set<Long> tags = new HashSet<>();
                int tagCount = 1 + random.nextInt(4);
                while (tags.size() < tagCount) {
                    tags.add(tagIds.get(tagRanks.sample(random)));
                }
                for (long tag : tags) {
                    questionTags.add(new Object[] {questionId, tag});
                }
                generated += 1 + answers;
                questionNumber++;
                String path = "/q/" + questionId + "/" + slug;
                if (bigOne) {
                    bigPaths.println(path);
                    big.add(questionId);
                } else if (answers >= 2 && answers <= 6 && typical.size() < 5_000) {
                    typicalPaths.println(path);
                    typical.add(questionId);
                }
                if (answers > 0 && questionNumber % 50 == 0) {
                    openIds.println(questionId);
                }
                if (queries.size() < 2_000 && questionNumber % 97 == 0) {
                    queries.add(title.replace("?", ""));
                }
                if (posts.size() >= BATCH) {
                    long flushStart = System.nanoTime();
                    flush();
                    System.out.printf(Locale.ROOT, "  %,d posts (batch written in %d ms)%n", generated,
                            (System.nanoTime() - flushStart) / 1_000_000);
                }
            }
            flush();
        }
        ImportStore totals = new ImportStore(db); // the importer's finishing steps after bulk inserts
        totals.recountTags();
        totals.copyActivityToTags();
        writeLines(out, "search-queries.txt", queries);
        writeTagPaths(out);
        writeSessions(out, firstMember);
        return generated;
    }

    private int answerCount() {
        double r = random.nextDouble();
        if (r < 0.18) {
            return 0;
        }
        return 1 + (int) Math.min(12, -Math.log(1 - random.nextDouble()) * 1.8);
    }

    private int addVotes(long postId, long firstMember, int memberCount, LocalDateTime at) {
        int count = (int) Math.min(40, -Math.log(1 - random.nextDouble()) * 1.6);
        Set<Long> voters = new HashSet<>();
        int score = 0;
        for (int i = 0; i < count; i++) {
            long voter = firstMember + BENCH_MEMBERS_WITH_SESSIONS + random.nextInt(memberCount - BENCH_MEMBERS_WITH_SESSIONS);
            if (voters.add(voter)) {
                int value = random.nextInt(10) == 0 ? -1 : 1;
                score += value;
                votes.add(new Object[] {postId, voter, (byte) value, at.plusHours(1 + i)});
            }
        }
        return score;
    }

    private void addComments(long postId, long firstMember, Zipf activity, LocalDateTime at, int count) {
        for (int i = 0; i < count; i++) {
            String text = capitalised(vocabulary.words(random, 6 + random.nextInt(25))) + ".";
            comments.add(new Object[] {postId, firstMember + activity.sample(random), text, escape(text),
                    at.plusMinutes(30 + i * 17L)});
        }
    }

    private Object[] post(long id, String kind, Long questionId, long author, String body, LocalDateTime at, int score) {
        return new Object[] {id, kind, questionId, author, body, html(body), score, at};
    }

    private String title() {
        String opener = OPENERS[random.nextInt(OPENERS.length)];
        return opener + " " + vocabulary.words(random, 4 + random.nextInt(7)) + "?";
    }

    private String paragraphs(int words) {
        StringBuilder text = new StringBuilder();
        int left = words;
        while (left > 0) {
            int sentence = Math.min(left, 6 + random.nextInt(16));
            text.append(capitalised(vocabulary.words(random, sentence))).append(". ");
            left -= sentence;
            if (random.nextInt(5) == 0 && left > 0) {
                text.setLength(text.length() - 1);
                text.append("\n\n");
            }
        }
        return text.toString().trim();
    }

    /** Plain paragraphs render to exactly this through the Markdown renderer. */
    private static String html(String body) {
        StringBuilder html = new StringBuilder(body.length() + 32);
        for (String paragraph : body.split("\n\n")) {
            html.append("<p>").append(escape(paragraph)).append("</p>\n");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String excerpt(String body) {
        return body.length() <= 240 ? body : body.substring(0, 239) + "…";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private LocalDateTime at(double fraction) {
        return start.plusMinutes((long) (fraction * spanMinutes));
    }

    private void flush() {
        db.transaction(tx -> {
            DSLContext t = tx.dsl();
            insert(t, POSTS, posts, POSTS.ID, POSTS.KIND, POSTS.QUESTION_ID, POSTS.AUTHOR_ID, POSTS.BODY_MD,
                    POSTS.BODY_HTML, POSTS.SCORE, POSTS.CREATED_AT);
            insert(t, QUESTIONS, questions, QUESTIONS.ID, QUESTIONS.TITLE, QUESTIONS.SLUG, QUESTIONS.EXCERPT,
                    QUESTIONS.CATEGORY_ID, QUESTIONS.ANSWER_COUNT, QUESTIONS.VIEW_COUNT, QUESTIONS.LAST_ACTIVITY_AT,
                    QUESTIONS.ACCEPTED_ANSWER_ID, QUESTIONS.ACCEPTED_AT, QUESTIONS.VERIFIED_ANSWER_ID,
                    QUESTIONS.VERIFIED_BY, QUESTIONS.VERIFIED_AT, QUESTIONS.FROM_NEWCOMER);
            insert(t, QUESTION_TAGS, questionTags, QUESTION_TAGS.QUESTION_ID, QUESTION_TAGS.TAG_ID);
            insert(t, COMMENTS, comments, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY, COMMENTS.BODY_HTML,
                    COMMENTS.CREATED_AT);
            insert(t, VOTES, votes, VOTES.POST_ID, VOTES.MEMBER_ID, VOTES.VALUE, VOTES.CREATED_AT);
        });
    }

    private void flushMembers() {
        insert(db, MEMBERS, members, MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.EMAIL, MEMBERS.PASSWORD_HASH,
                MEMBERS.ROLE, MEMBERS.CREATED_AT, MEMBERS.REPUTATION);
    }

    /** Multi-row inserts of up to 1,000 rows each, then clears the buffer. */
    private static void insert(DSLContext db, Table<?> table, List<Object[]> rows, Field<?>... fields) {
        for (int from = 0; from < rows.size(); from += 1_000) {
            var insert = db.insertInto(table).columns(fields);
            for (Object[] row : rows.subList(from, Math.min(rows.size(), from + 1_000))) {
                insert = insert.values(row);
            }
            insert.execute();
        }
        rows.clear();
    }

    private long ensureCategory() {
        db.insertInto(CATEGORIES).set(CATEGORIES.SLUG, "community").set(CATEGORIES.NAME, "Community")
                .set(CATEGORIES.DESCRIPTION, "Generated for benchmarks").onDuplicateKeyIgnore().execute();
        return db.select(CATEGORIES.ID).from(CATEGORIES).where(CATEGORIES.SLUG.eq("community")).fetchOne(CATEGORIES.ID);
    }

    private List<Long> ensureTags() {
        var insert = db.insertInto(TAGS, TAGS.NAME);
        for (String tag : vocabulary.tags) {
            insert = insert.values(tag);
        }
        insert.onDuplicateKeyIgnore().execute();
        return vocabulary.tags.stream()
                .map(name -> db.select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(name)).fetchOne(TAGS.ID)).toList();
    }

    private void writeTagPaths(Path out) throws Exception {
        List<String> paths = db.select(TAGS.NAME).from(TAGS).orderBy(TAGS.QUESTION_COUNT.desc()).limit(200)
                .fetch(TAGS.NAME).stream().map(tag -> "/tags/" + tag).toList();
        writeLines(out, "tag-paths.txt", paths);
    }

    /** Signed-in sessions for the mixed load: "session-token csrf-token" per line. */
    private void writeSessions(Path out, long firstMember) throws Exception {
        List<String> lines = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
        for (int i = 3; i < BENCH_MEMBERS_WITH_SESSIONS; i++) {
            String token = "bench-session-" + (firstMember + i) + "-" + Long.toHexString(random.nextLong());
            String csrf = String.format("%043d", firstMember + i);
            db.insertInto(SESSIONS).set(SESSIONS.TOKEN_HASH, sha256(token)).set(SESSIONS.MEMBER_ID, firstMember + i)
                    .set(SESSIONS.CREATED_AT, now).set(SESSIONS.LAST_SEEN_AT, now)
                    .set(SESSIONS.EXPIRES_AT, now.plusDays(30)).onDuplicateKeyIgnore().execute();
            db.insertInto(REPUTATION_EVENTS).set(REPUTATION_EVENTS.MEMBER_ID, firstMember + i)
                    .set(REPUTATION_EVENTS.DELTA, 599).set(REPUTATION_EVENTS.REASON, "bench_grant")
                    .set(REPUTATION_EVENTS.CREATED_AT, now).execute();
            lines.add(token + " " + csrf);
        }
        writeLines(out, "sessions.txt", lines);
    }

    private long nextId(Table<? extends Record> table, Field<Long> id) {
        Long max = db.select(DSL.max(id)).from(table).fetchOne(0, Long.class);
        return max == null ? 1 : max + 1;
    }

    private static PrintWriter writer(Path out, String name) throws Exception {
        return new PrintWriter(Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8));
    }

    private static void writeLines(Path out, String name, List<String> lines) throws Exception {
        Files.write(out.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
