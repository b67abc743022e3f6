package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2IntentStatus;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.retrieveintent.Hub2RetrieveIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}")
interface Hub2RetrieveIntentApi {

    @Operation(operationId = "hub2RetrieveIntent", summary = "Retrieve a payment intent",
            description = "For the merchant's server (headers) or the client app holding the intent's token (?token=).")
    @Callers.MerchantServerOrIntentToken
    @ApiResponse(responseCode = "200", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2Intent",
            ref = "#/components/examples/hub2Intent")))
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @Get
    Hub2PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id,
                               @Parameter(description = "The intent's token, for the client app.")
                               @Nullable @QueryValue String token);

    @Operation(operationId = "hub2IntentStatus", summary = "Poll an intent's status",
            description = "The light answer for polling, by server or token.")
    @Callers.MerchantServerOrIntentToken
    @ApiResponse(responseCode = "200", description = "The intent's id and status.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2IntentStatus.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @Get("/status")
    Hub2IntentStatus status(HttpRequest<?> request, @PathVariable String id,
                            @Parameter(description = "The intent's token, for the client app.")
                            @Nullable @QueryValue String token);
}
