package io.cauri.wire.v1;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The v1 (Stripe-like, snake_case) request bodies as the OpenAPI document shows them; {@link V1Requests}
 * reads them from JSON trees, so nothing can infer their shape. Documentation only: never instantiated,
 * never loaded by a function.
 */
public final class V1RequestSchemas {

    private V1RequestSchemas() {
    }

    @Schema(name = "V1CreatePaymentIntentRequest", description = "POST /api/v1/payment-intents body.")
    public record CreateIntent(
            @Schema(requiredMode = REQUIRED, description = "Minor units of the currency (XOF and XAF have none).",
                    minimum = "1",
                    format = "int64", example = "10000") long amount,
            @Schema(requiredMode = REQUIRED, description = "The transaction country's currency.",
                    allowableValues = {"XOF", "XAF", "GNF"},
                    example = "XOF") String currency,
            @Schema(requiredMode = REQUIRED, name = "transaction_country",
                    description = "A covered country (ISO 3166-1 alpha-2).",
                    pattern = "^[A-Z]{2}$", example = "SN") String transactionCountry,
            @Schema(requiredMode = NOT_REQUIRED, name = "payer_country", pattern = "^[A-Z]{2}$") String payerCountry,
            @Schema(requiredMode = NOT_REQUIRED, name = "rail_country", pattern = "^[A-Z]{2}$") String railCountry,
            @Schema(requiredMode = NOT_REQUIRED, maxLength = 1000, example = "Order #1234") String description,
            @Schema(requiredMode = NOT_REQUIRED, description = "String values (at most 50 keys); the platform's reserved keys and prefixes (internal., technical., country_context.) are refused.",
                    example = "{\"order_id\": \"order_123\"}") Map<String, String> metadata,
            @Schema(requiredMode = NOT_REQUIRED, description = "An existing customer id.",
                    pattern = "^cus_") String customer,
            @Schema(requiredMode = NOT_REQUIRED, name = "customer_email",
                    description = "Creates or reuses a customer.", format = "email")
            String customerEmail,
            @Schema(requiredMode = NOT_REQUIRED, name = "customer_phone",
                    pattern = "^\\+?[0-9]{8,15}$") String customerPhone) {
    }

    @Schema(name = "V1UpdatePaymentIntentRequest", description = "PATCH /api/v1/payment-intents/{id} body: metadata "
            + "is merged; an empty string removes a key.")
    public record UpdateIntent(
            @Schema(requiredMode = NOT_REQUIRED, maxLength = 1000) String description,
            @Schema(requiredMode = NOT_REQUIRED,
                    example = "{\"order_id\": \"order_124\", \"checkout_session_id\": \"\"}")
            Map<String, String> metadata) {
    }

    @Schema(name = "V1ConfirmPaymentIntentRequest", description = "POST /api/v1/payment-intents/{id}/confirm body.")
    public record Confirm(
            @Schema(requiredMode = REQUIRED, name = "payment_method") PaymentMethod paymentMethod,
            @Schema(requiredMode = NOT_REQUIRED, name = "return_url", format = "uri",
                    description = "Where the payer returns after a redirect.")
            String returnUrl) {
    }

    @Schema(name = "V1PaymentMethod", description = "mobile_money needs `mobile_money`; card needs `card`.")
    public record PaymentMethod(
            @Schema(requiredMode = REQUIRED, allowableValues = {"mobile_money", "card"}) String type,
            @Schema(requiredMode = NOT_REQUIRED, name = "mobile_money") MobileMoney mobileMoney,
            @Schema(requiredMode = NOT_REQUIRED) Card card) {
    }

    @Schema(name = "V1MobileMoney")
    public record MobileMoney(
            @Schema(requiredMode = REQUIRED, description = "Must equal the intent's transaction_country.",
                    pattern = "^[A-Z]{2}$",
                    example = "SN") String country,
            @Schema(requiredMode = REQUIRED, allowableValues = {"orange_money", "wave", "mtn", "moov",
                    "free_money"}) String operator,
            @Schema(requiredMode = REQUIRED, pattern = "^\\+?[0-9]{8,15}$", example = "+221770000001") String msisdn,
            @Schema(requiredMode = NOT_REQUIRED, name = "preferred_flow", allowableValues = {"otp", "ussd", "redirect"})
            String preferredFlow) {
    }

    @Schema(name = "V1Card")
    public record Card(@Schema(requiredMode = REQUIRED, maxLength = 200,
            description = "A card token from the card provider.") String token) {
    }
}
