package townhall.account;

/** What other features hear of accounts: a member confirmed their address (the brand welcomes them). */
public interface AccountListener {
    AccountListener NONE = member -> { };

    /** Inside the transaction that confirmed the address. */
    void confirmed(Member member);
}
