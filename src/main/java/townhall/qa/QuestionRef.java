package townhall.qa;

/** Enough of a question to link to it. */
public record QuestionRef(long id, String title, String slug) {
    public String path() { return QuestionLinks.path(id, slug); }
}
