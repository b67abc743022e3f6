package io.cauri.ledger;

import java.util.Objects;

/** One line of a ledger transaction: {@code amount} minor units into {@code account} (negative: out of it). */
public record Entry(Account account, long amount) {
    public Entry {
        Objects.requireNonNull(account, "account");
        if (amount == 0) {
            throw new IllegalArgumentException("an entry moves money");
        }
    }
}
