package io.cauri.transfer;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer (pay-out) of {@code amount} minor units of {@code currency} from a merchant's available balance to a
 * mobile money wallet. Its amount is reserved in the merchant's books when it is created, paid out when the
 * provider reports success, returned when the provider reports failure. Immutable; stored with a conditional
 * write on {@code version} (null until first stored).
 *
 * @param reference      the merchant's own reference (HUB2: letters, digits, {@code -_. })
 * @param gatewayId      the live connector that sends it (null: the sandbox)
 * @param failureCode    why it failed (null unless failed)
 */
public record Transfer(String id, String merchantId, Mode mode, String reference, long amount, Currency currency,
                       String description, Destination destination, TransferStatus status, String failureCode,
                       String failureMessage, String gatewayId, String providerReference, Instant createdAt,
                       Instant updatedAt, Long version) {
    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(status, "status");
        if (amount <= 0) {
            throw new IllegalArgumentException("a transfer moves money");
        }
    }
}
