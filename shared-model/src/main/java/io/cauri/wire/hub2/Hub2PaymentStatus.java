package io.cauri.wire.hub2;

import io.cauri.intent.Payment;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /payments/{id}/status}: the payment's id and status. */
@Serdeable
public record Hub2PaymentStatus(String id, String status) {
    public static Hub2PaymentStatus of(Payment payment) {
        return new Hub2PaymentStatus(payment.id(), payment.status().wire());
    }
}
