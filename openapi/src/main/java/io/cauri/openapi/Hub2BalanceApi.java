package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2Balance;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.balance.Hub2BalanceController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Balance and statements")
@Controller("/balance")
interface Hub2BalanceApi {

    @Operation(operationId = "hub2Balance", summary = "The merchant's balances (HUB2)",
            description = "Per currency, in the key's mode, at `date` (default now). One pool per currency: the "
                    + "collection account's available balance is the transfer account's (collections fund transfers "
                    + "directly); the collection account's `amount` adds money not yet available, the transfer "
                    + "account's adds what refunds and transfers under way hold (`reservedBalance`).")
    @Callers.MerchantServer
    @Parameter(name = "currency", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2Balance.currency")
    @Parameter(name = "date", in = ParameterIn.QUERY,
            ref = "#/components/parameters/Hub2Balance.date")
    @ApiResponse(responseCode = "200", description = "The collection and transfer accounts per currency.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Balance.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @Get
    Hub2Balance balance(HttpRequest<?> request);
}
