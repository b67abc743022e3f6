package io.cauri.ledger;

import io.cauri.intent.Currency;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A merchant's books in one mode and currency: the sum of every entry per account, as kept with each posting,
 * at {@code asOf} (the moment of the figure).
 */
public record Balance(Currency currency, Map<Account, Long> accounts, long transactions, Instant asOf) {
    public Balance {
        EnumMap<Account, Long> all = new EnumMap<>(Account.class);
        for (Account a : Account.values()) {
            all.put(a, accounts.getOrDefault(a, 0L));
        }
        accounts = java.util.Collections.unmodifiableMap(all);
    }

    public static Balance empty(Currency currency, Instant asOf) {
        return new Balance(currency, Map.of(), 0, asOf);
    }

    /** What a refund or a transfer may take now. */
    public long available() {
        return accounts.get(Account.AVAILABLE);
    }

    /** Collected, not yet available. */
    public long pending() {
        return accounts.get(Account.PENDING);
    }

    /** Held by refunds and transfers under way. */
    public long reserved() {
        return accounts.get(Account.RESERVED);
    }

    public long of(Account account) {
        return accounts.get(account);
    }

    /** These books with one more transaction posted. */
    public Balance plus(LedgerTransaction t) {
        EnumMap<Account, Long> next = new EnumMap<>(accounts);
        t.effects().forEach((a, v) -> next.merge(a, v, Math::addExact));
        return new Balance(currency, next, transactions + 1, t.createdAt().isAfter(asOf) ? t.createdAt() : asOf);
    }

    /** These books as they were before {@code t} was posted, at {@code asOf}: how a past figure is found. */
    public Balance without(LedgerTransaction t, Instant asOf) {
        EnumMap<Account, Long> previous = new EnumMap<>(accounts);
        t.effects().forEach((a, v) -> previous.merge(a, -v, Math::addExact));
        return new Balance(currency, previous, transactions - 1, asOf);
    }

    /** The same books, the figure dated {@code asOf}. */
    public Balance at(Instant asOf) {
        return new Balance(currency, accounts, transactions, asOf);
    }
}
