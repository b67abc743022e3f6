package io.cauri.intent;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** No such intent for this caller: unknown, another merchant's, or the other mode's (always 404 on {@code id}). */
public final class IntentNotFoundException extends RefusalException {
    public IntentNotFoundException(String intentId) {
        super(Refusal.NOT_FOUND, "id", "No payment intent " + intentId + ".");
    }
}
