package io.cauri.intent;

import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where payment intents are kept. Every write is conditional, so no change is ever lost. */
public interface IntentRepository {

    /** Stores a new intent; fails if the id exists. Returns it with its first version. */
    PaymentIntent create(PaymentIntent intent);

    /**
     * Stores a changed intent only if nobody changed it since it was read (same version); otherwise
     * throws {@link ConcurrentChangeException} and stores nothing.
     */
    PaymentIntent update(PaymentIntent intent);

    /**
     * {@link #update} of an intent that gains a payment, with the payment's {@link PaymentLocator} entry in the
     * same transaction: both are stored or neither (an attempt refused by the version check leaves nothing).
     */
    PaymentIntent updateWithNewPayment(PaymentIntent intent, String paymentId);

    Optional<PaymentIntent> find(String intentId);

    /**
     * Ids of intents that still await payment and whose {@link PaymentIntent#expiresAt()} is at or before
     * {@code now}, at most {@code limit}, from an eventually consistent index: read each before acting on it.
     */
    List<String> overdueIds(Instant now, int limit);

    /**
     * Ids of intents whose current payment has been {@code processing} since {@code since} or earlier, at most
     * {@code limit}, from an eventually consistent index: read each before acting on it.
     */
    List<String> processingIds(Instant since, int limit);

    /** Every intent of a merchant in one mode created in [from, to], newest first, read lazily page by page. */
    Iterable<PaymentIntent> createdBetween(String merchantId, Mode mode, Instant from, Instant to);

    /** One page of a merchant's intents in one mode, newest first, with the total count of matches. */
    Page list(Query query);

    /**
     * v1 cursor paging, newest first: {@code limit} intents created before {@code after} (or after
     * {@code before}, or the newest), and whether more lie beyond them in that direction.
     */
    CursorPage page(String merchantId, Mode mode, int limit, PaymentIntent after, PaymentIntent before);

    record CursorPage(List<PaymentIntent> items, boolean hasMore) {
        public CursorPage {
            items = List.copyOf(items);
        }
    }

    record Query(String merchantId, Mode mode, Instant from, Instant to, String customerReference,
                 String purchaseReference, int page, int perPage) {
    }

    record Page(List<PaymentIntent> items, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
