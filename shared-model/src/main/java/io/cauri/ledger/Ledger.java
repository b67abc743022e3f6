package io.cauri.ledger;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the merchants' books. Transactions caused by a state change are written by that change's repository, in
 * the same storage transaction ({@code IntentRepository.update(intent, postings)} and the refund and transfer
 * repositories); this port reads the books and posts the movements that have no other state change.
 */
public interface Ledger {

    /** The books of a merchant in a mode, one per currency it has moved money in (none yet: empty). */
    List<Balance> balances(String merchantId, Mode mode);

    /** The books of a merchant in a mode and currency (all zero when nothing moved yet). */
    Balance balance(String merchantId, Mode mode, Currency currency);

    /**
     * Posts a transaction of its own (no other state change with it). False when the transaction was posted before
     * (its cause applied again). Throws {@link InsufficientFundsException} when it would take a merchant account
     * below zero; nothing is then written.
     */
    boolean post(LedgerTransaction transaction);

    Optional<LedgerTransaction> find(String merchantId, Mode mode, String transactionId);

    /**
     * Cursor paging, newest first: {@code limit} transactions older than {@code after} (or newer than {@code before},
     * or the newest), and whether more lie beyond them in that direction.
     */
    Page page(String merchantId, Mode mode, int limit, LedgerTransaction after, LedgerTransaction before);

    /** Every transaction of a merchant in a mode created in [from, to), oldest first, read lazily page by page. */
    Iterable<LedgerTransaction> between(String merchantId, Mode mode, Instant from, Instant to);

    record Page(List<LedgerTransaction> items, boolean hasMore) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
