package io.cauri.intent;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** Another request changed the intent between our read and our write; ours was not stored (409). */
public final class ConcurrentChangeException extends RefusalException {
    public ConcurrentChangeException(String intentId) {
        super(Refusal.CONCURRENT_CHANGE, null,
                "Another request changed this payment intent at the same time; retry after reading it again.",
                "payment intent " + intentId + " was changed by another request");
    }
}
