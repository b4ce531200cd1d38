package townhall.versions;

/**
 * Hears, inside the transaction, that what readers see of a verified answer's freshness changed: Q&A's page cache
 * answers it (wired in app/), so that the versions package imports no Q&A.
 */
public interface FreshnessListener {
    FreshnessListener NONE = new FreshnessListener() { };

    /** One question's verified answer was checked again. */
    default void questionChanged(long questionId) {}

    /** A new current version: any verified answer of its line may now be outdated. */
    default void everythingChanged() {}
}
