package townhall.search;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What the index holds about one question or FAQ entry, read from the database. {@code visible} is false
 * for a deleted question or a retired entry: the index drops it. {@code audience}: who may find it, the value
 * {@link townhall.qa.Audience#token} gives its category ("public" for FAQ entries and questions without one). A
 * question's {@code vector} is the one stored for the current model (null: none yet, or vectors are off);
 * {@code vectorCurrent} says whether it was computed from the question's present text. {@code duplicateOf}: the
 * question this one was closed as a duplicate of (null when it was not).
 */
record SearchDocument(String kind, long id, String title, String slug, String body, String answers,
                      List<String> tags, boolean accepted, boolean verified, boolean closed, int score,
                      int answerCount, LocalDateTime created, String section, boolean visible, String audience,
                      float[] vector, boolean vectorCurrent, Long duplicateOf) {

    /** A document without a vector. */
    SearchDocument(String kind, long id, String title, String slug, String body, String answers, List<String> tags,
                   boolean accepted, boolean verified, boolean closed, int score, int answerCount,
                   LocalDateTime created, String section, boolean visible, String audience) {
        this(kind, id, title, slug, body, answers, tags, accepted, verified, closed, score, answerCount, created,
                section, visible, audience, null, false, null);
    }

    String uid() { return uid(kind, id); }

    static String uid(String kind, long id) {
        return switch (kind) {
            case Fields.FAQ -> "f";
            case Fields.IDEA -> "i";
            case Fields.ANNOUNCEMENT -> "a";
            default -> "q";
        } + id;
    }

    static SearchDocument gone(String kind, long id) {
        return new SearchDocument(kind, id, "", "", "", "", List.of(), false, false, false, 0, 0, null, null, false, "public");
    }
}
