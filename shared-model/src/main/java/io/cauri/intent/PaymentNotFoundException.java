package io.cauri.intent;

/** No such payment for this caller: unknown, another merchant's, or the other mode's (always 404). */
public final class PaymentNotFoundException extends RuntimeException {
    public PaymentNotFoundException(String paymentId) {
        super("No payment " + paymentId + ".", null, false, false);
    }
}
