package townhall.account;

/**
 * Staff actions recorded in the staff action log (/admin/log) inside the change's transaction: administrators'
 * changes of who may see what (member groups, category permissions), product versions and re-verification.
 * Moderation answers it, wired in app/, so that neither accounts, Q&A nor versions import moderation.
 */
public interface AccessLog {
    AccessLog NONE = (actorId, action, memberId, detail) -> { };

    /**
     * {@code action}: "group", "category", "version", "reverify" or "still_true"; {@code memberId}: the member added
     * or removed, else null.
     */
    void record(long actorId, String action, Long memberId, String detail);
}
