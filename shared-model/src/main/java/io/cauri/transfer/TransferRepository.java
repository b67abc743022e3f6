package io.cauri.transfer;

import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where transfers are kept, in their merchant's books, each stored with the ledger posting its change
 * causes in one storage transaction (the reservation with the creation; the settlement or the return with the
 * final status), so a transfer and its money never disagree.
 */
public interface TransferRepository {

    /**
     * Stores a new pending transfer with its {@code reservation} (available to reserved).
     *
     * @throws io.cauri.ledger.InsufficientFundsException the available balance does not cover it; nothing stored
     * @throws io.cauri.ledger.ConcurrentPostingException storage refused to interleave it with another write of the
     *                                                    same books; nothing stored, trying again is safe
     */
    Transfer create(Transfer transfer, LedgerTransaction reservation);

    /**
     * Stores {@code changed} (a transfer read from here, its status changed) with {@code posting}, only if nobody
     * changed it since it was read. {@link Change#STALE} when somebody did (or the posting already exists): read it
     * again and decide again; nothing stored.
     */
    Change update(Transfer changed, LedgerTransaction posting);

    Optional<Transfer> find(String merchantId, Mode mode, String id);

    /**
     * The pending transfers of every merchant created in [{@code createdFrom}, {@code createdBefore}), oldest first, at
     * most {@code limit}, as checks to run (from an eventually consistent index: each is read again before anything is
     * done). Those older than {@code createdFrom} are past their checks' expiry, logged for someone to settle by hand:
     * left out, they never take a later one's place in the batch.
     */
    List<io.cauri.provider.PayoutCheck> pending(Instant createdFrom, Instant createdBefore, int limit);

    /** HUB2 paging: one page of a merchant's transfers in one mode, newest first, with the total of matches. */
    Page list(Query query);

    /**
     * v1 cursor paging, newest first: {@code limit} transfers created before {@code after} (or after
     * {@code before}, or the newest), and whether more lie beyond them in that direction.
     */
    CursorPage page(String merchantId, Mode mode, int limit, Transfer after, Transfer before);

    /** What a conditional change did. */
    enum Change {
        STORED, STALE
    }

    /**
     * Filters of a HUB2 list: created in [from, to], and when set the merchant's {@code reference} and the
     * {@code status}; {@code page} from 1.
     */
    record Query(String merchantId, Mode mode, Instant from, Instant to, String reference, TransferStatus status,
                 int page, int perPage) {
    }

    record Page(List<Transfer> items, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }

    record CursorPage(List<Transfer> items, boolean hasMore) {
        public CursorPage {
            items = List.copyOf(items);
        }
    }
}
