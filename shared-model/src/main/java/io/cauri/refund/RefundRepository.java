package io.cauri.refund;

import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where refunds are kept, in their merchant's books, with a per-payment record of what was refunded and which
 * refund is in flight. Each change is stored with its ledger posting and that record in one storage transaction.
 */
public interface RefundRepository {

    /**
     * Stores a new pending refund with its {@code reservation}, and marks it as its payment's refund in flight, on
     * condition that none is in flight and that what was refunded before plus this amount stays within
     * {@code paid} (the payment's amount).
     *
     * @throws RefundRefusedException                     another refund in flight, or more than remains; nothing stored
     * @throws io.cauri.ledger.InsufficientFundsException the available balance does not cover it; nothing stored
     * @throws io.cauri.ledger.ConcurrentPostingException storage refused to interleave it with another write of the
     *                                                    same books; nothing stored, trying again is safe
     */
    Refund create(Refund refund, LedgerTransaction reservation, long paid);

    /**
     * Stores {@code changed} (a refund read from here, its status changed) with {@code posting}, only if nobody
     * changed it since it was read; a final status also ends its payment's refund in flight (a success adds its
     * amount to what was refunded). {@link Change#STALE}: read it again and decide again; nothing stored.
     */
    Change update(Refund changed, LedgerTransaction posting);

    Optional<Refund> find(String merchantId, Mode mode, String id);

    /** What was refunded of a payment, and the refund in flight (null: none). */
    PaymentRefunds ofPayment(String merchantId, Mode mode, String paymentId);

    /**
     * The pending refunds of every merchant created in [{@code createdFrom}, {@code createdBefore}), oldest first, at
     * most {@code limit}, as checks to run (from an eventually consistent index: each is read again before anything is
     * done). Those older than {@code createdFrom} are past their checks' expiry, logged for someone to settle by hand:
     * left out, they never take a later one's place in the batch.
     */
    List<io.cauri.provider.PayoutCheck> pending(Instant createdFrom, Instant createdBefore, int limit);

    /** HUB2-style paging: one page of a merchant's refunds, newest first, with the total of matches. */
    Page list(Query query);

    /**
     * v1 cursor paging, newest first: {@code limit} refunds created before {@code after} (or after {@code before},
     * or the newest), of one intent's payments when {@code intentId} is set, and whether more lie beyond.
     */
    CursorPage page(String merchantId, Mode mode, int limit, Refund after, Refund before, String intentId);

    enum Change {
        STORED, STALE
    }

    /** @param refunding the id of the refund in flight, or null */
    record PaymentRefunds(long refunded, String refunding) {
    }

    /** Created in [from, to]; when set, of one intent's payments and in one status; {@code page} from 1. */
    record Query(String merchantId, Mode mode, Instant from, Instant to, String intentId, RefundStatus status,
                 int page, int perPage) {
    }

    record Page(List<Refund> items, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }

    record CursorPage(List<Refund> items, boolean hasMore) {
        public CursorPage {
            items = List.copyOf(items);
        }
    }
}
