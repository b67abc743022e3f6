package io.cauri.wire.hub2;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The HUB2 request bodies as the OpenAPI document shows them. The controllers read bodies as JSON trees
 * (precise errors with {@code param}, see {@link Hub2CreateIntentRequest} and friends), so nothing can infer
 * their shape: these records state it, constraint for constraint. Documentation only: never instantiated,
 * never loaded by a function.
 */
public final class Hub2RequestSchemas {

    private Hub2RequestSchemas() {
    }

    @Schema(name = "Hub2CreatePaymentIntentRequest", description = "POST /payment-intents body (HUB2).")
    public record CreateIntent(
            @Schema(requiredMode = REQUIRED, description = "The merchant's customer reference.",
                    pattern = "^[A-Za-z0-9\\-_. ]{1,64}$",
                    example = "cust_01924059") String customerReference,
            @Schema(requiredMode = REQUIRED, description = "The merchant's order reference.",
                    pattern = "^[A-Za-z0-9\\-_. ]{1,64}$",
                    example = "ref_2020_11_10_001") String purchaseReference,
            @Schema(requiredMode = REQUIRED, description = "Minor units of the currency (XOF and XAF have none).",
                    minimum = "1",
                    format = "int64", example = "1000") long amount,
            @Schema(requiredMode = REQUIRED, allowableValues = {"XOF", "XAF", "GNF"}, example = "XOF") String currency,
            @Schema(requiredMode = NOT_REQUIRED, description = "Shown to the payer instead of the merchant's name.",
                    maxLength = 64)
            String overrideBusinessName) {
    }

    @Schema(name = "Hub2AttemptPaymentRequest", description = "POST /payment-intents/{id}/payments (and /sync) body "
            + "(HUB2). From the payer's app, `token` (the intent's) authenticates instead of the headers.")
    public record Attempt(
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "The intent's token, when the payer's app calls (no API key).") String token,
            @Schema(requiredMode = REQUIRED, allowableValues = {"mobile_money", "credit_card", "bank_transfer"},
                    example = "mobile_money")
            String paymentMethod,
            @Schema(requiredMode = REQUIRED, pattern = "^[A-Z]{2}$", example = "CI") String country,
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "Required for mobile_money (orange, mtn, moov, wave, free…); `card` by default otherwise.",
                    pattern = "^[a-z_]{1,32}$", example = "orange") String provider,
            @Schema(requiredMode = NOT_REQUIRED, description = "Required for mobile_money.") MobileMoney mobileMoney,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onCancelRedirectionUrl,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onFinishRedirectionUrl) {
    }

    @Schema(name = "Hub2MobileMoney")
    public record MobileMoney(
            @Schema(requiredMode = REQUIRED, description = "The payer's number, with or without +.",
                    pattern = "^\\+?[0-9]{8,15}$",
                    example = "00000001") String msisdn,
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "A one-time code obtained beforehand (Orange): skips the authentication step.",
                    pattern = "^[0-9A-Za-z]{1,12}$") String otp,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onSuccessRedirectionUrl,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onFailedRedirectionUrl,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onCancelRedirectionUrl,
            @Schema(requiredMode = NOT_REQUIRED, format = "uri") String onFinishRedirectionUrl) {
    }

    @Schema(name = "Hub2AuthenticationRequest", description = "POST /payment-intents/{id}/authentication body.")
    public record Authentication(
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "The intent's token, when the payer's app calls (no API key).") String token,
            @Schema(requiredMode = REQUIRED,
                    description = "The OTP the payer received (sandbox: any 4 digits; the payer number 00000006 refuses every code).",
                    pattern = "^[0-9A-Za-z]{1,12}$", example = "1234") String confirmationCode) {
    }

    @Schema(name = "Hub2CreateWebhookRequest", description = "POST /webhooks body.")
    public record CreateWebhook(
            @Schema(requiredMode = REQUIRED, description = "https (in sandbox also http to localhost or 127.0.0.1).",
                    format = "uri",
                    maxLength = 2048, example = "https://shop.example/webhooks/cauri") String url,
            @ArraySchema(arraySchema = @Schema(requiredMode = REQUIRED,
                    description = "Event types to receive, at least one."), minItems = 1,
                    schema = @Schema(allowableValues = {"payment_intent.created", "payment_intent.processing",
                            "payment_intent.action_required", "payment_intent.successful", "payment_intent.canceled",
                            "payment_intent.payment_failed", "payment.processing", "payment.action_required",
                            "payment.successful", "payment.failed", "refund.created", "refund.succeeded",
                            "refund.failed", "transfer.created", "transfer.succeeded", "transfer.failed",
                            "webhook_endpoint.disabled"})) List<String> events,
            @Schema(requiredMode = NOT_REQUIRED, maxLength = 500) String description,
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "At most 50 keys of 1 to 40 characters, values of at most 500.")
            Map<String, String> metadata) {
    }

    @Schema(name = "Hub2UpdateWebhookRequest", description = "PATCH /webhooks/{id} body: at least one field, no other.")
    public record UpdateWebhook(
            @Schema(requiredMode = NOT_REQUIRED, description = "As on creation.", format = "uri", maxLength = 2048)
            String url,
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "Event types to receive (replaces the list), at least one; as on creation.")
            List<String> events,
            @Schema(requiredMode = NOT_REQUIRED,
                    description = "false stops deliveries; true resumes them and starts the failure clock over.")
            Boolean enabled) {
    }
}
