package io.cauri.wire.hub2;

import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The HUB2 family's transfer and refund bodies as the OpenAPI document shows them, constraint for constraint with
 * {@link Hub2TransferRequest} and {@link Hub2RefundRequest}. Documentation only: never instantiated.
 */
public final class Hub2MoneyOutRequestSchemas {

    private Hub2MoneyOutRequestSchemas() {
    }

    @Schema(name = "Hub2CreateTransferRequest", description = "POST /transfers body (HUB2).")
    public record CreateTransfer(
            @Schema(requiredMode = REQUIRED, description = "The merchant's own reference.",
                    pattern = "^[A-Za-z0-9\\-_. ]{1,64}$", example = "payout_2026_0001") String reference,
            @Schema(requiredMode = REQUIRED, description = "Minor units, taken from the available balance.",
                    minimum = "1", format = "int64", example = "2000") long amount,
            @Schema(requiredMode = REQUIRED, allowableValues = {"XOF", "XAF", "GNF"}, example = "XOF") String currency,
            @Schema(requiredMode = NOT_REQUIRED, minLength = 1, maxLength = 255) String description,
            @Schema(requiredMode = REQUIRED) Destination destination) {
    }

    @Schema(name = "Hub2TransferDestinationRequest", description = "A mobile money wallet.")
    public record Destination(
            @Schema(requiredMode = REQUIRED, allowableValues = {"mobile_money"}) String type,
            @Schema(requiredMode = REQUIRED, pattern = "^[A-Z]{2}$", example = "CI") String country,
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 100, example = "Awa Konan") String recipientName,
            @Schema(requiredMode = REQUIRED, pattern = "^\\+?[0-9]{8,15}$", example = "00000001") String msisdn,
            @Schema(requiredMode = REQUIRED, pattern = "^[a-z_]{1,32}$", example = "orange") String provider) {
    }

    @Schema(name = "Hub2CreateRefundRequest", description = "POST /refunds body (HUB2 family).")
    public record CreateRefund(
            @Schema(requiredMode = REQUIRED, description = "The paid intent.", example = "pi_…") String paymentIntentId,
            @Schema(requiredMode = NOT_REQUIRED, description = "Its successful payment (default: the intent's).")
            String paymentId,
            @Schema(requiredMode = NOT_REQUIRED, description = "Minor units (default: what remains to refund).",
                    minimum = "1", format = "int64", example = "500") Long amount,
            @Schema(requiredMode = NOT_REQUIRED, allowableValues = {"duplicate", "fraudulent", "requested_by_customer"})
            String reason) {
    }
}
