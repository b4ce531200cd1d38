package townhall.account;

/**
 * Administrators' changes of who may see what (member groups, category permissions), recorded in the moderation
 * log inside the change's transaction: moderation answers it, wired in app/, so that neither accounts nor Q&A
 * import moderation.
 */
public interface AccessLog {
    AccessLog NONE = (actorId, action, memberId, detail) -> { };

    /** {@code action}: "group" or "category"; {@code memberId}: the member added or removed, else null. */
    void record(long actorId, String action, Long memberId, String detail);
}
