package townhall.search;

import static townhall.db.schema.Tables.POSTS;
import static townhall.db.schema.Tables.QUESTIONS;
import static townhall.db.schema.Tables.QUESTION_VECTORS;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;

/** The questions' vectors in the database (question_vectors): the source of truth the index is rebuilt from. */
final class VectorStore {
    private final DSLContext db;

    VectorStore(DSLContext db) {
        this.db = db;
    }

    /** A question's text as it is embedded, with the model and text hash of the vector it has (null: none). */
    record QuestionText(long id, String title, String bodyMd, String model, byte[] textHash) {}

    /** The visible questions with these ids. */
    List<QuestionText> texts(Collection<Long> ids) {
        return db.select(QUESTIONS.ID, QUESTIONS.TITLE, POSTS.BODY_MD, QUESTION_VECTORS.MODEL,
                        QUESTION_VECTORS.TEXT_HASH)
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(QUESTION_VECTORS).on(QUESTION_VECTORS.QUESTION_ID.eq(QUESTIONS.ID))
                .where(QUESTIONS.ID.in(ids)).and(POSTS.DELETED_AT.isNull())
                .fetch(r -> new QuestionText(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Up to {@code limit} visible questions above {@code afterId}, in id order, with no vector of this model. */
    List<QuestionText> withoutVector(String model, long afterId, int limit) {
        return db.select(QUESTIONS.ID, QUESTIONS.TITLE, POSTS.BODY_MD)
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(QUESTION_VECTORS).on(QUESTION_VECTORS.QUESTION_ID.eq(QUESTIONS.ID))
                .and(QUESTION_VECTORS.MODEL.eq(model))
                .where(QUESTIONS.ID.gt(afterId)).and(POSTS.DELETED_AT.isNull())
                .and(QUESTION_VECTORS.QUESTION_ID.isNull())
                .orderBy(QUESTIONS.ID).limit(limit)
                .fetch(r -> new QuestionText(r.value1(), r.value2(), r.value3(), null, null));
    }

    /** How many visible questions have no vector of this model yet. */
    int countWithoutVector(String model) {
        return db.selectCount()
                .from(QUESTIONS).join(POSTS).on(POSTS.ID.eq(QUESTIONS.ID))
                .leftJoin(QUESTION_VECTORS).on(QUESTION_VECTORS.QUESTION_ID.eq(QUESTIONS.ID))
                .and(QUESTION_VECTORS.MODEL.eq(model))
                .where(POSTS.DELETED_AT.isNull()).and(QUESTION_VECTORS.QUESTION_ID.isNull())
                .fetchOne(0, int.class);
    }

    void save(long questionId, String model, byte[] textHash, float[] vector, LocalDateTime now) {
        byte[] bytes = Embeddings.toBytes(vector);
        db.insertInto(QUESTION_VECTORS)
                .set(QUESTION_VECTORS.QUESTION_ID, questionId)
                .set(QUESTION_VECTORS.MODEL, model)
                .set(QUESTION_VECTORS.TEXT_HASH, textHash)
                .set(QUESTION_VECTORS.VECTOR, bytes)
                .set(QUESTION_VECTORS.COMPUTED_AT, now)
                .onDuplicateKeyUpdate()
                .set(QUESTION_VECTORS.MODEL, model)
                .set(QUESTION_VECTORS.TEXT_HASH, textHash)
                .set(QUESTION_VECTORS.VECTOR, bytes)
                .set(QUESTION_VECTORS.COMPUTED_AT, now)
                .execute();
    }
}
