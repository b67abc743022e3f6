package io.cauri.ledger;

import io.cauri.intent.PaymentIntent;

import java.util.List;

/**
 * Port: an intent's change stored with the ledger postings it causes ({@link Postings}), in one storage
 * transaction, so the change and its money movements are stored together or not at all. The intents' repository
 * implements it; here rather than on {@code IntentRepository} so the intent package knows nothing of the books.
 */
public interface IntentBookkeeping {

    /**
     * Stores the changed intent on the same condition as {@code IntentRepository.update} (nobody changed it since it
     * was read, else {@code ConcurrentChangeException} and nothing stored), with {@code postings}.
     */
    PaymentIntent update(PaymentIntent intent, List<LedgerTransaction> postings);
}
