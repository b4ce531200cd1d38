package townhall.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static townhall.db.schema.Tables.MEMBERS;
import static townhall.db.schema.Tables.POSTS;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import townhall.db.schema.tables.Members;
import townhall.support.Community;
import townhall.support.TownhallServer;

/** Queries rendered once per shape give the rows jOOQ would, on the demo's real database. */
class PreparedTest {
    @RegisterExtension
    static final TownhallServer server = new TownhallServer();

    private static final Members AUTHOR = MEMBERS.as("author");

    private DSLContext db() {
        return server.components().database.dsl();
    }

    private enum Filter { ALL, BY_AUTHOR }

    private Prepared<Filter> postsOf() {
        DSLContext db = db();
        return new Prepared<>(db, filter -> db.select(POSTS.ID, POSTS.KIND, AUTHOR.USERNAME, AUTHOR.ID)
                .from(POSTS).join(AUTHOR).on(AUTHOR.ID.eq(POSTS.AUTHOR_ID))
                .where(POSTS.QUESTION_ID.eq(DSL.param("question", Long.class))
                        .or(POSTS.ID.eq(DSL.param("question", Long.class))))
                .and(filter == Filter.ALL ? DSL.noCondition() : AUTHOR.USERNAME.eq(DSL.param("author", String.class)))
                .orderBy(POSTS.ID));
    }

    @Test
    void givesTheRowsOfTheSameQueryRunByJooqForEachShapeAndValue() {
        DSLContext db = db();
        Community community = new Community(server);
        long question = community.ask(community.member("prepared_asker"), "Which ear tips fit the Northwind One best?");
        community.answer(community.member("prepared_answerer"), question, "The medium ones fit most ears well enough.");
        Prepared<Filter> prepared = postsOf();
        for (int round = 0; round < 2; round++) { // the second round runs the SQL rendered in the first
            var all = prepared.fetch(Filter.ALL, Map.of("question", question));
            var expected = db.select(POSTS.ID, AUTHOR.USERNAME).from(POSTS).join(AUTHOR).on(AUTHOR.ID.eq(POSTS.AUTHOR_ID))
                    .where(POSTS.QUESTION_ID.eq(question).or(POSTS.ID.eq(question))).orderBy(POSTS.ID).fetch();
            assertThat(all).hasSizeGreaterThan(1);
            assertThat(all.map(r -> r.get(POSTS.ID) + " " + r.get(AUTHOR.USERNAME)))
                    .isEqualTo(expected.map(r -> r.get(POSTS.ID) + " " + r.get(AUTHOR.USERNAME)));
            String asker = expected.get(0).get(AUTHOR.USERNAME);
            Map<String, Object> values = new HashMap<>(Map.of("question", question, "author", asker));
            assertThat(prepared.fetch(Filter.BY_AUTHOR, values).map(r -> r.get(AUTHOR.USERNAME))).containsOnly(asker);
            Record none = prepared.fetchOne(Filter.BY_AUTHOR, Map.of("question", question, "author", "nobody-at-all"));
            assertThat(none).isNull();
        }
    }

    @Test
    void refusesAValueThatIsNotANamedParameterAndAMissingValue() {
        DSLContext db = db();
        Prepared<Boolean> unnamed = Prepared.of(db, () -> db.select(POSTS.ID).from(POSTS).where(POSTS.ID.eq(1L)));
        assertThatThrownBy(() -> unnamed.fetch(Map.of())).hasMessageContaining("unnamed value");
        Prepared<Boolean> named = Prepared.of(db, () -> db.select(POSTS.ID).from(POSTS)
                .where(POSTS.ID.eq(DSL.param("id", Long.class))));
        assertThatThrownBy(() -> named.fetch(Map.of("other", 1L))).hasMessageContaining("No value for the parameter id");
    }

    @Test
    void countsItsQueriesLikeAnyOther() {
        DSLContext db = db();
        Prepared<Boolean> one = Prepared.of(db, () -> db.select(POSTS.ID).from(POSTS)
                .where(POSTS.ID.eq(DSL.param("id", Long.class))));
        long before = server.components().database.queryCount();
        one.fetch(Map.of("id", 1L));
        one.fetch(Map.of("id", 2L));
        assertThat(server.components().database.queryCount() - before).isEqualTo(2);
    }
}
