package io.cauri.wire.hub2;

import io.cauri.intent.PaymentIntent;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /payment-intents/{id}/status}: just the id and the status, for cheap polling. */
@Serdeable
public record Hub2IntentStatus(String id, String status) {
    public static Hub2IntentStatus of(PaymentIntent intent) {
        return new Hub2IntentStatus(intent.id(), intent.status().wire());
    }
}
