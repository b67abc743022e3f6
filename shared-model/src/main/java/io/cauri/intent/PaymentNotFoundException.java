package io.cauri.intent;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** No such payment for this caller: unknown, another merchant's, or the other mode's (always 404 on {@code id}). */
public final class PaymentNotFoundException extends RefusalException {
    public PaymentNotFoundException(String paymentId) {
        super(Refusal.NOT_FOUND, "id", "No payment " + paymentId + ".");
    }
}
