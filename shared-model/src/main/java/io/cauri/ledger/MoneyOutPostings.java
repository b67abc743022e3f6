package io.cauri.ledger;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;

/**
 * The three postings of money sent out (a refund or a transfer), each written with the change that causes it:
 * the reservation when it is created (available to reserved: nothing else may spend it), then either the
 * settlement when the provider paid (reserved to the outside world) or the return when it failed (reserved back to
 * available). Their ids come from the movement's id and kind, so each posts once however often it is applied.
 */
public final class MoneyOutPostings {
    private MoneyOutPostings() {
    }

    /** {@code kind} is {@link Kind#TRANSFER} or {@link Kind#REFUND}. */
    public static LedgerTransaction reservation(Kind kind, String merchantId, Mode mode, Currency currency,
                                                String sourceId, long amount, Instant at) {
        require(kind, Kind.TRANSFER, Kind.REFUND);
        return LedgerTransaction.of(merchantId, mode, currency, kind, sourceId, amount, 0,
                List.of(new Entry(Account.AVAILABLE, -amount), new Entry(Account.RESERVED, amount)), at);
    }

    /** {@code kind} is {@link Kind#TRANSFER_SETTLEMENT} or {@link Kind#REFUND_SETTLEMENT}. */
    public static LedgerTransaction settlement(Kind kind, String merchantId, Mode mode, Currency currency,
                                               String sourceId, long amount, Instant at) {
        require(kind, Kind.TRANSFER_SETTLEMENT, Kind.REFUND_SETTLEMENT);
        return LedgerTransaction.of(merchantId, mode, currency, kind, sourceId, amount, 0,
                List.of(new Entry(Account.RESERVED, -amount), new Entry(Account.EXTERNAL, amount)), at);
    }

    /** {@code kind} is {@link Kind#TRANSFER_FAILURE} or {@link Kind#REFUND_FAILURE}. */
    public static LedgerTransaction release(Kind kind, String merchantId, Mode mode, Currency currency,
                                            String sourceId, long amount, Instant at) {
        require(kind, Kind.TRANSFER_FAILURE, Kind.REFUND_FAILURE);
        return LedgerTransaction.of(merchantId, mode, currency, kind, sourceId, amount, 0,
                List.of(new Entry(Account.RESERVED, -amount), new Entry(Account.AVAILABLE, amount)), at);
    }

    private static void require(Kind kind, Kind a, Kind b) {
        if (kind != a && kind != b) {
            throw new IllegalArgumentException(kind.wire() + " is not a " + a.wire() + " or " + b.wire() + " posting");
        }
    }
}
