package townhall.markdown;

/** Whether rendered links pass search-engine reputation to their targets. */
public enum LinkPolicy {
    /** Every link gets {@code rel="nofollow ugc"}: the default for user-written content. */
    NOFOLLOW,
    /** Links are left without {@code rel}: for Helpers and staff, whose links the site vouches for. */
    FOLLOW
}
