package io.cauri.openapi;

import io.cauri.wire.v1.V1Balance;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.balance.V1BalanceController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Balance and statements")
@Controller("/api/v1/balance")
interface V1BalanceApi {

    @Operation(operationId = "v1Balance", summary = "The merchant's balance (v1)",
            description = "Stripe's balance object: per currency, `available` (a refund or payout may take it), "
                    + "`pending` (collected, not yet available) and `reserved` (held by refunds and payouts under way).")
    @SecurityRequirement(name = "Bearer")
    @ApiResponse(responseCode = "200", description = "The balance object.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = V1Balance.class)))
    @ErrorResponses.Unauthorized
    @Get
    V1Balance balance(HttpRequest<?> request);
}
