package io.cauri.wire.v1;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The v1 family's payout and refund bodies as the OpenAPI document shows them, constraint for constraint with
 * {@link V1MoneyOutRequests}. Documentation only: never instantiated.
 */
public final class V1MoneyOutRequestSchemas {

    private V1MoneyOutRequestSchemas() {
    }

    @Schema(name = "V1CreatePayoutRequest", description = "POST /api/v1/payouts body.")
    public record CreatePayout(
            @Schema(requiredMode = REQUIRED, minimum = "1", format = "int64", example = "2000") long amount,
            @Schema(requiredMode = REQUIRED, allowableValues = {"XOF", "XAF", "GNF"}, example = "XOF") String currency,
            @Schema(requiredMode = NOT_REQUIRED, minLength = 1, maxLength = 255) String description,
            @Schema(requiredMode = NOT_REQUIRED, pattern = "^[A-Za-z0-9\\-_. ]{1,64}$") String reference,
            @Schema(requiredMode = REQUIRED) Destination destination) {
    }

    @Schema(name = "V1PayoutDestinationRequest")
    public record Destination(
            @Schema(requiredMode = REQUIRED, allowableValues = {"mobile_money"}) String type,
            @Schema(name = "mobile_money", requiredMode = REQUIRED) MobileMoney mobileMoney) {
    }

    @Schema(name = "V1PayoutMobileMoneyRequest")
    public record MobileMoney(
            @Schema(requiredMode = REQUIRED, pattern = "^[A-Z]{2}$", example = "CI") String country,
            @Schema(requiredMode = REQUIRED, allowableValues = {"orange_money", "wave", "mtn", "moov", "free_money"})
            String operator,
            @Schema(requiredMode = REQUIRED, pattern = "^\\+?[0-9]{8,15}$") String msisdn,
            @Schema(name = "recipient_name", requiredMode = REQUIRED, minLength = 1, maxLength = 100)
            String recipientName) {
    }

    @Schema(name = "V1CreateRefundRequest", description = "POST /api/v1/refunds body.")
    public record CreateRefund(
            @Schema(name = "payment_intent", requiredMode = REQUIRED) String paymentIntent,
            @Schema(requiredMode = NOT_REQUIRED, description = "Its successful payment (default: the intent's).")
            String payment,
            @Schema(requiredMode = NOT_REQUIRED, description = "Minor units (default: what remains to refund).",
                    minimum = "1", format = "int64") Long amount,
            @Schema(requiredMode = NOT_REQUIRED, allowableValues = {"duplicate", "fraudulent", "requested_by_customer"})
            String reason,
            @Schema(requiredMode = NOT_REQUIRED, description = "At most 50 keys of 40 characters, values of 500.")
            Map<String, String> metadata) {
    }
}
