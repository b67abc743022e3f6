package io.cauri.intent;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/**
 * An intent that already holds {@link IntentStateMachine#MAX_ATTEMPTS} attempts takes no more (409): each
 * attempt lives inside the intent's item, so their number bounds the item's size. Nothing is stored.
 */
public final class AttemptLimitException extends RefusalException {
    private final int max;

    public AttemptLimitException(String intentId, int max) {
        super(Refusal.TOO_MANY_ATTEMPTS, null, "Payment intent " + intentId + " already has " + max
                + " payment attempts, the most one intent takes; create a new payment intent.");
        this.max = max;
    }

    public int max() {
        return max;
    }
}
