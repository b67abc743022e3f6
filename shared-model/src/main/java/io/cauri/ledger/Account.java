package io.cauri.ledger;

/**
 * The accounts of a merchant's books (one set per merchant, mode and currency). Every ledger transaction moves
 * money between them and sums to zero, so the sum of all accounts of a book is always zero.
 * <ul>
 *   <li>{@link #AVAILABLE}: the merchant's money a refund or a transfer may take now;</li>
 *   <li>{@link #PENDING}: collected for the merchant, not yet available (a settlement delay);</li>
 *   <li>{@link #RESERVED}: taken from available by a refund or a transfer under way, until the provider settles it
 *       (then it leaves to {@link #EXTERNAL}) or fails it (then it returns to available);</li>
 *   <li>{@link #FEES}: Cauri's fees on the merchant's payments;</li>
 *   <li>{@link #EXTERNAL}: the world outside the books (payers who paid, recipients and payers who were paid);
 *       it goes negative as money comes in.</li>
 * </ul>
 */
public enum Account {
    AVAILABLE("available"), PENDING("pending"), RESERVED("reserved"), FEES("fees"), EXTERNAL("external");

    private final String wire;

    Account(String wire) {
        this.wire = wire;
    }

    /** The name stored and shown (statements, the consistency check). */
    public String wire() {
        return wire;
    }

    /** Whether this is the merchant's money: its balance never goes below zero. */
    public boolean merchants() {
        return this == AVAILABLE || this == PENDING || this == RESERVED;
    }
}
