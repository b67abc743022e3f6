package io.cauri.refund;

import java.util.Map;

/**
 * A merchant's request to refund a payment, as the edge validated its formats: the payment named by its id, or by
 * its intent's (the intent's successful payment); {@code amount} null refunds what remains of the payment;
 * {@code reason} one of {@link Refunds#REASONS} or null.
 */
public record NewRefund(String paymentIntentId, String paymentId, Long amount, String reason,
                        Map<String, String> metadata) {
    public NewRefund {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
