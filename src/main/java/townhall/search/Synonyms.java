package townhall.search;

import static townhall.db.schema.Tables.SEARCH_SYNONYMS;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import townhall.account.Member;
import townhall.web.InvalidInput;
import townhall.web.NotAllowed;
import townhall.db.Database;

/**
 * Staff-edited synonyms: product nicknames, old names, common misnamings. One rule per line, in Solr's syntax:
 * {@code nw1, northwind one, n1} makes the terms equivalent; {@code np => northwind pro} maps one way. They
 * apply when a search is read, so a change takes effect at once, without reindexing.
 */
public final class Synonyms {
    static final int MAX_RULES = 2000;
    static final int MAX_RULE_CHARS = 500;

    private final Database database;
    private final Clock clock;

    public Synonyms(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The rules as staff wrote them, one per line. */
    public String text() {
        return String.join("\n", database.dsl().select(SEARCH_SYNONYMS.RULE).from(SEARCH_SYNONYMS)
                .orderBy(SEARCH_SYNONYMS.ID).fetch(SEARCH_SYNONYMS.RULE));
    }

    List<String> rules() {
        return database.background().select(SEARCH_SYNONYMS.RULE).from(SEARCH_SYNONYMS)
                .orderBy(SEARCH_SYNONYMS.ID).fetch(SEARCH_SYNONYMS.RULE);
    }

    /** Checks and saves the rules (replacing the old ones); returns them as Lucene reads them. */
    SynonymMap save(Member staff, String text, Analyzer rulesAnalyzer) {
        if (!staff.isStaff()) {
            throw new NotAllowed("errors.staffOnly");
        }
        List<String> rules = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_RULE_CHARS) {
                throw InvalidInput.of("synonyms", "search.synonyms.error.long", "line", i + 1, "max", MAX_RULE_CHARS);
            }
            if (!line.contains(",") && !line.contains("=>")) {
                throw InvalidInput.of("synonyms", "search.synonyms.error.terms", "line", i + 1, "rule", line);
            }
            try {
                parse(List.of(line), rulesAnalyzer);
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("synonyms", "search.synonyms.error.unreadable", "line", i + 1, "rule", line,
                        "reason", String.valueOf(e.getMessage()));
            }
            rules.add(line);
        }
        if (rules.size() > MAX_RULES) {
            throw InvalidInput.of("synonyms", "search.synonyms.error.many", "max", MAX_RULES);
        }
        SynonymMap map = parse(rules, rulesAnalyzer);
        LocalDateTime now = LocalDateTime.now(clock);
        database.inTransaction(() -> {
            database.dsl().deleteFrom(SEARCH_SYNONYMS).execute();
            for (String rule : rules) {
                database.dsl().insertInto(SEARCH_SYNONYMS)
                        .set(SEARCH_SYNONYMS.RULE, rule)
                        .set(SEARCH_SYNONYMS.UPDATED_BY, staff.id())
                        .set(SEARCH_SYNONYMS.UPDATED_AT, now)
                        .execute();
            }
        });
        return map;
    }

    /** The rules as a synonym map; rules that cannot be read are an IllegalArgumentException. */
    static SynonymMap parse(List<String> rules, Analyzer rulesAnalyzer) {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, rulesAnalyzer);
        try {
            parser.parse(new StringReader(String.join("\n", rules)));
            return parser.build();
        } catch (ParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
