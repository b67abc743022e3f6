package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.time.Timestamps;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * A transfer (pay-out) as HUB2 shows it: camelCase, ISO-8601 milliseconds, amounts in minor units, status
 * {@code pending}, {@code successful} or {@code failed}; optional fields absent when empty, as for intents.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2Transfer(String id, String merchantId, String createdAt, String updatedAt, String reference,
                           @Schema(requiredMode = NOT_REQUIRED) String description, String status, long amount,
                           String currency, Hub2TransferDestination destination, String mode,
                           @Schema(requiredMode = NOT_REQUIRED) Hub2MoneyOutFailure failure) {

    public static Hub2Transfer of(Transfer t) {
        return new Hub2Transfer(t.id(), t.merchantId(), Timestamps.format(t.createdAt()),
                Timestamps.format(t.updatedAt()), t.reference(), t.description(), t.status().wire(), t.amount(),
                t.currency().name(), Hub2TransferDestination.of(t.destination()), t.mode().wire(),
                t.failureCode() == null ? null : new Hub2MoneyOutFailure(t.failureCode(), t.failureMessage()));
    }

    /** Where the money goes: a mobile money wallet. */
    @Serdeable
    public record Hub2TransferDestination(String type, String country, String recipientName, String msisdn, String provider) {
        static Hub2TransferDestination of(Destination d) {
            return new Hub2TransferDestination(d.type(), d.country(), d.recipientName(), d.msisdn(), d.provider());
        }
    }

    /** Why a transfer failed: a stable code and a message. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2MoneyOutFailure(String code, @Schema(requiredMode = NOT_REQUIRED) String message) {
    }
}
