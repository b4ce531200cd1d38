package townhall.moderation;

import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.MENTIONS;
import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.WATCHED_WORDS;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import townhall.account.Member;
import townhall.account.Privileges;
import townhall.db.Database;
import townhall.search.Language;
import townhall.search.TextTerms;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;

/**
 * Words, phrases or /regular expressions/ staff watch, each with an action: block (the post is refused with a
 * message), hold (it waits for review), flag (published and queued), replace (by the replacement) or listen (no effect
 * on the post; it appears in the mentions feed). Words match as search reads them, in English, Russian and Czech at
 * once: case and inflection do not matter ("refunds" is caught by "refund", "возврата" by "возврат").
 */
public final class WatchedWords {
    public static final List<String> ACTIONS = List.of("block", "hold", "flag", "replace", "listen");
    public static final int PATTERN_MAX = 200;

    public record Word(long id, String pattern, String action, String replacement, String message) {
        boolean isRegex() { return pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/"); }
    }

    /** A post's text after the replacements, and the words that matched it (each once). */
    public record Scan(String title, String body, List<Word> matched) {
        List<Word> with(String action) { return matched.stream().filter(w -> w.action().equals(action)).toList(); }
    }

    private final Database database;
    private final DSLContext db;
    private final Privileges privileges;
    private final ModerationStore log;
    private final Clock clock;

    public WatchedWords(Database database, Privileges privileges, ModerationStore log, Clock clock) {
        this.database = database;
        this.db = database.dsl();
        this.privileges = privileges;
        this.log = log;
        this.clock = clock;
    }

    public List<Word> all() {
        return db.selectFrom(WATCHED_WORDS).orderBy(WATCHED_WORDS.ACTION, WATCHED_WORDS.PATTERN)
                .fetch(r -> new Word(r.getId(), r.getPattern(), r.getAction(), r.getReplacement(), r.getMessage()));
    }

    public void add(Member staff, String pattern, String action, String replacement, String message) {
        requireStaff(staff);
        String p = pattern == null ? "" : pattern.strip();
        String a = action == null ? "" : action.strip();
        String r = replacement == null ? "" : replacement.strip();
        String m = message == null ? "" : message.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (p.isEmpty() || p.length() > PATTERN_MAX) {
            errors.add("pattern", "moderation.words.error.pattern", "max", PATTERN_MAX);
        } else if (p.length() > 2 && p.startsWith("/") && p.endsWith("/")) {
            try {
                Pattern.compile(p.substring(1, p.length() - 1));
            } catch (PatternSyntaxException e) {
                errors.add("pattern", "moderation.words.error.regex");
            }
        } else if (TextTerms.of(Language.EN, p).isEmpty()) {
            errors.add("pattern", "moderation.words.error.pattern", "max", PATTERN_MAX);
        }
        if (!ACTIONS.contains(a)) {
            errors.add("action", "moderation.words.error.action");
        }
        if ("replace".equals(a) && (r.isEmpty() || r.length() > 200)) {
            errors.add("replacement", "moderation.words.error.replacement");
        }
        if (m.length() > 300) {
            errors.add("message", "moderation.error.note.long", "max", 300);
        }
        errors.throwIfAny();
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            db.insertInto(WATCHED_WORDS).set(WATCHED_WORDS.PATTERN, p).set(WATCHED_WORDS.ACTION, a)
                    .set(WATCHED_WORDS.REPLACEMENT, r).set(WATCHED_WORDS.MESSAGE, m)
                    .set(WATCHED_WORDS.CREATED_BY, staff.id()).set(WATCHED_WORDS.CREATED_AT, now).execute();
            log.log(staff.id(), "word", null, null, "+ " + a + " " + p, now);
        });
    }

    public void remove(Member staff, long id) {
        requireStaff(staff);
        database.inTransaction(() -> {
            String pattern = db.select(WATCHED_WORDS.PATTERN).from(WATCHED_WORDS).where(WATCHED_WORDS.ID.eq(id))
                    .fetchOne(WATCHED_WORDS.PATTERN);
            if (pattern != null) {
                db.deleteFrom(WATCHED_WORDS).where(WATCHED_WORDS.ID.eq(id)).execute();
                log.log(staff.id(), "word", null, null, "- " + pattern, LocalDateTime.now(clock));
            }
        });
    }

    private void requireStaff(Member member) {
        if (!privileges.mayWatchWords(member)) {
            throw new NotAllowed("moderation.denied.words");
        }
    }

    /** Reads a post's title (null for answers) and body against every watched word; refuses it if one blocks. */
    public Scan scan(String title, String body) {
        List<Word> words = all();
        List<Word> matched = new ArrayList<>();
        String newTitle = title;
        String newBody = body;
        for (Word word : words) {
            List<int[]> inTitle = title == null ? List.of() : spans(word, title);
            List<int[]> inBody = spans(word, body);
            if (inTitle.isEmpty() && inBody.isEmpty()) {
                continue;
            }
            if ("block".equals(word.action())) {
                String field = inTitle.isEmpty() ? "body" : "title";
                throw word.message().isEmpty()
                        ? InvalidInput.of(field, "moderation.words.blocked", "word", word.pattern())
                        : InvalidInput.of(field, "moderation.words.blocked.message", "message", word.message());
            }
            matched.add(word);
        }
        for (Word word : matched) {
            if ("replace".equals(word.action())) {
                newTitle = newTitle == null ? null : replace(newTitle, spans(word, newTitle), word.replacement());
                newBody = replace(newBody, spans(word, newBody), word.replacement());
            }
        }
        return new Scan(newTitle, newBody, List.copyOf(matched));
    }

    private static String replace(String text, List<int[]> spans, String replacement) {
        StringBuilder out = new StringBuilder(text);
        List<int[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt((int[] s) -> s[0]).reversed());
        int limit = Integer.MAX_VALUE;
        for (int[] span : sorted) {
            if (span[1] <= limit) {
                out.replace(span[0], span[1], replacement);
                limit = span[0];
            }
        }
        return out.toString();
    }

    /** Where the word stands in the text: under the first language whose stemming finds it, or by its expression. */
    static List<int[]> spans(Word word, String text) {
        List<int[]> spans = new ArrayList<>();
        if (word.isRegex()) {
            Matcher m = Pattern.compile(word.pattern().substring(1, word.pattern().length() - 1),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
            }
            return spans;
        }
        for (Language language : Language.values()) {
            List<TextTerms.Term> wanted = TextTerms.of(language, word.pattern());
            if (wanted.isEmpty()) {
                continue;
            }
            List<TextTerms.Term> terms = TextTerms.of(language, text);
            for (int i = 0; i + wanted.size() <= terms.size(); i++) {
                boolean all = true;
                for (int j = 0; j < wanted.size() && all; j++) {
                    all = terms.get(i + j).term().equals(wanted.get(j).term());
                }
                if (all) {
                    spans.add(new int[] {terms.get(i).start(), terms.get(i + wanted.size() - 1).end()});
                }
            }
            if (!spans.isEmpty()) {
                return spans;
            }
        }
        return spans;
    }

    // mentions

    public void mention(Word word, long postId, LocalDateTime now) {
        db.insertInto(MENTIONS).set(MENTIONS.WORD_ID, word.id()).set(MENTIONS.PATTERN, word.pattern())
                .set(MENTIONS.POST_ID, postId).set(MENTIONS.CREATED_AT, now).execute();
    }

    public record Mention(String pattern, long postId, long questionId, boolean isQuestion, String title, String slug,
                          String excerpt, String author, LocalDateTime at, boolean deleted) {}

    /** The newest mentions first, optionally of one word; staff only. */
    public List<Mention> mentions(Member staff, String pattern, int limit) {
        requireStaff(staff);
        var where = pattern == null || pattern.isBlank() ? DSL.noCondition() : MENTIONS.PATTERN.eq(pattern.strip());
        return db.select(MENTIONS.PATTERN, POSTS.ID, QUESTIONS.ID, POSTS.KIND, QUESTIONS.TITLE, QUESTIONS.SLUG,
                        POSTS.BODY_MD, MEMBERS.USERNAME, MENTIONS.CREATED_AT, POSTS.DELETED_AT)
                .from(MENTIONS)
                .join(POSTS).on(POSTS.ID.eq(MENTIONS.POST_ID))
                .join(QUESTIONS).on(QUESTIONS.ID.eq(DSL.coalesce(POSTS.QUESTION_ID, POSTS.ID)))
                .join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(where)
                .orderBy(MENTIONS.ID.desc()).limit(limit)
                .fetch(r -> new Mention(r.get(MENTIONS.PATTERN), r.get(POSTS.ID), r.get(QUESTIONS.ID),
                        "question".equals(r.get(POSTS.KIND)), r.get(QUESTIONS.TITLE), r.get(QUESTIONS.SLUG),
                        excerpt(r.get(POSTS.BODY_MD)), r.get(MEMBERS.USERNAME), r.get(MENTIONS.CREATED_AT),
                        r.get(POSTS.DELETED_AT) != null));
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }
}
