package io.cauri.refund;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A refund of {@code amount} (part or all) of a successful payment back to its payer. Its amount is reserved from
 * the merchant's available balance when it is created, leaves when the provider reports success, returns when the
 * provider reports failure. Immutable; stored with a conditional write on {@code version} (null until first
 * stored).
 *
 * @param reason      the merchant's reason ({@code duplicate}, {@code fraudulent}, {@code requested_by_customer}),
 *                    or null
 * @param gatewayId   the payment's live connector (null: the sandbox)
 * @param failureCode why it failed (null unless failed)
 */
public record Refund(String id, String merchantId, Mode mode, String intentId, String paymentId, long amount,
                     Currency currency, String reason, RefundStatus status, String failureCode, String failureMessage,
                     String gatewayId, String providerReference, Map<String, String> metadata, Instant createdAt,
                     Instant updatedAt, Long version) {
    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (amount <= 0) {
            throw new IllegalArgumentException("a refund moves money");
        }
    }
}
