package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.refund.Refund;
import io.cauri.time.Timestamps;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * A refund in the HUB2 family's style (HUB2 publishes no refund object; this one follows its intents and
 * transfers): camelCase, ISO-8601 milliseconds, minor units, status {@code pending}, {@code succeeded} or
 * {@code failed}; optional fields absent when empty.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2Refund(String id, String merchantId, String createdAt, String updatedAt,
                         @Schema(requiredMode = NOT_REQUIRED) String paymentIntentId, String paymentId, long amount,
                         String currency, @Schema(requiredMode = NOT_REQUIRED) String reason, String status,
                         String mode, @Schema(requiredMode = NOT_REQUIRED) Hub2Transfer.Hub2MoneyOutFailure failure) {

    public static Hub2Refund of(Refund r) {
        return new Hub2Refund(r.id(), r.merchantId(), Timestamps.format(r.createdAt()), Timestamps.format(r.updatedAt()),
                r.intentId(), r.paymentId(), r.amount(), r.currency().name(), r.reason(), r.status().wire(),
                r.mode().wire(), r.failureCode() == null ? null
                        : new Hub2Transfer.Hub2MoneyOutFailure(r.failureCode(), r.failureMessage()));
    }
}
