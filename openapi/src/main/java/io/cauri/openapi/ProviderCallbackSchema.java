package io.cauri.openapi;

import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The body of {@code POST /providers/{provider}/callbacks} as the OpenAPI document shows it; the controller
 * reads it from a JSON tree. Documentation only: never instantiated, never loaded.
 */
@Schema(name = "ProviderCallback", description = "Cauri's normalised provider callback.")
record ProviderCallbackSchema(
        @Schema(requiredMode = REQUIRED, description = "The payment Cauri asked the provider to collect.",
                example = "pay_4bWcV9yq2mLxR8tZ3nP0a")
        String paymentId,
        @Schema(requiredMode = REQUIRED, allowableValues = {"succeeded", "failed"}) String outcome,
        @Schema(requiredMode = NOT_REQUIRED,
                description = "One of HUB2's failure codes (default unknown_reason).") String failureCode,
        @Schema(requiredMode = NOT_REQUIRED) String message) {
}
