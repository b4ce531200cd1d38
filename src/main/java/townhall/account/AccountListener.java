package townhall.account;

/** What other features hear of accounts: a member confirmed their address (the brand welcomes them). */
public interface AccountListener {
    AccountListener NONE = member -> { };

    /** Inside the transaction that confirmed the address. */
    void confirmed(Member member);

    /** All listeners, in order. */
    static AccountListener of(java.util.List<AccountListener> listeners) {
        return member -> listeners.forEach(listener -> listener.confirmed(member));
    }
}
