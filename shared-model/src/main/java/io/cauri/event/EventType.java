package io.cauri.event;

import java.util.Optional;

/**
 * The event types of docs/CONTRACT.md §5: one per status an intent, a payment, a refund or a transfer can reach
 * ({@code *.created} for a new refund or transfer, which is pending), and {@code webhook_endpoint.disabled}.
 */
public enum EventType {
    PAYMENT_INTENT_CREATED("payment_intent.created", false),
    PAYMENT_INTENT_PROCESSING("payment_intent.processing", false),
    PAYMENT_INTENT_ACTION_REQUIRED("payment_intent.action_required", false),
    PAYMENT_INTENT_SUCCESSFUL("payment_intent.successful", true),
    PAYMENT_INTENT_CANCELED("payment_intent.canceled", true),
    PAYMENT_INTENT_PAYMENT_FAILED("payment_intent.payment_failed", false),
    PAYMENT_PROCESSING("payment.processing", false),
    PAYMENT_ACTION_REQUIRED("payment.action_required", false),
    PAYMENT_SUCCESSFUL("payment.successful", true),
    PAYMENT_FAILED("payment.failed", true),
    REFUND_CREATED("refund.created", false),
    REFUND_SUCCEEDED("refund.succeeded", true),
    REFUND_FAILED("refund.failed", true),
    TRANSFER_CREATED("transfer.created", false),
    TRANSFER_SUCCEEDED("transfer.succeeded", true),
    TRANSFER_FAILED("transfer.failed", true),
    /** One of the merchant's endpoints failed for 3 days and was disabled: sent to its other endpoints. */
    WEBHOOK_ENDPOINT_DISABLED("webhook_endpoint.disabled", true);

    private final String wire;
    private final boolean finalState;

    EventType(String wire, boolean finalState) {
        this.wire = wire;
        this.finalState = finalState;
    }

    public String wire() {
        return wire;
    }

    /** The object reached a state nothing changes any more: each endpoint gets this event once. */
    public boolean isFinalState() {
        return finalState;
    }

    public static Optional<EventType> fromWire(String value) {
        for (EventType t : values()) {
            if (t.wire.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
