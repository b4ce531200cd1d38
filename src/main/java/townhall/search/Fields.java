package townhall.search;

/** The names of the index's fields. */
final class Fields {
    private Fields() {}

    /** "q12" or "f3": one document per question or FAQ entry. */
    static final String UID = "uid";
    /** "question", "faq", "idea" or "announcement". */
    static final String KIND = "kind";
    static final String ID = "id";
    static final String SLUG = "slug";
    /** A question's title, or an FAQ entry's question. */
    static final String TITLE = "title";
    /** A question's text, or an FAQ entry's answer, as plain text. */
    static final String BODY = "body";
    /** The text of a question's answers. */
    static final String ANSWERS = "answers";
    /** The tags as words, for matching. */
    static final String TAGS = "tags";
    /** One exact tag per value, for the tag filter. */
    static final String TAG = "tag";
    /** The tags as stored, space-separated. */
    static final String TAG_LIST = "tag_list";
    static final String TITLE_LOOSE = "title_loose";
    static final String BODY_LOOSE = "body_loose";
    /** Words as written, for "did you mean". */
    static final String SPELL = "spell";
    static final String ANSWERED = "answered";
    static final String ACCEPTED = "accepted";
    static final String VERIFIED = "verified";
    static final String CLOSED = "closed";
    /** The id of the question a question was closed as a duplicate of. */
    static final String DUPLICATE_OF = "duplicate_of";
    static final String SCORE = "score";
    static final String ANSWER_COUNT = "answer_count";
    static final String CREATED = "created";
    static final String SECTION = "section";
    /** Who may find the document: "public", "members", "staff" or "group-3" (see townhall.qa.Audience). */
    static final String AUDIENCE = "audience";
    /** Static relevance signals (FeatureField): verified, accepted, well-scored, curated. */
    static final String FEATURES = "features";
    static final String QUALITY = "quality";
    /** A question's sentence-embedding vector (KnnFloatVectorField, HNSW), for search by meaning. */
    static final String VECTOR = "vector";

    static final String QUESTION = "question";
    static final String FAQ = "faq";
    static final String IDEA = "idea";
    static final String ANNOUNCEMENT = "announcement";
}
