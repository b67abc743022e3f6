package io.cauri.refund;

import io.cauri.intent.Currency;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** A refund request or lookup the domain refuses; nothing is stored. */
public final class RefundRefusedException extends RefusalException {
    private RefundRefusedException(Refusal refusal, String param, String message) {
        super(refusal, param, message);
    }

    /** No such refund for this caller: unknown, another merchant's, or the other mode's. */
    public static RefundRefusedException notFound(String param, String id) {
        return new RefundRefusedException(Refusal.NOT_FOUND, param, "No refund " + id + ".");
    }

    /** No such payment (or intent) for this caller: unknown, another merchant's, or the other mode's. */
    public static RefundRefusedException paymentNotFound(String param, String id) {
        return new RefundRefusedException(Refusal.NOT_FOUND, param, "No payment " + id + ".");
    }

    /** The payment did not succeed (or the intent has no successful payment): nothing to refund. */
    public static RefundRefusedException notRefundable(String param) {
        return new RefundRefusedException(Refusal.INVALID_STATE, param, "Only a successful payment can be refunded.");
    }

    /** The amount is more than what remains of the payment (its amount less what was refunded). */
    public static RefundRefusedException exceedsRemaining(long remaining, Currency currency) {
        return new RefundRefusedException(Refusal.BALANCE_INSUFFICIENT, "amount", remaining == 0
                ? "The payment has been refunded in full."
                : "At most " + remaining + " " + currency.name() + " of this payment remains to refund.");
    }

    /** Another refund of the payment is pending. */
    public static RefundRefusedException inProgress() {
        return new RefundRefusedException(Refusal.REFUND_IN_PROGRESS, null,
                "Another refund of this payment is pending; try again once it has ended.");
    }

    /** The payment's provider has no refund, or not of this amount. */
    public static RefundRefusedException unsupported(boolean partial) {
        return new RefundRefusedException(Refusal.REFUND_UNSUPPORTED, partial ? "amount" : null, partial
                ? "This payment's provider refunds only the whole payment."
                : "This payment's provider does not support refunds.");
    }
}
