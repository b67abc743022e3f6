package io.cauri.openapi;

import io.cauri.wire.v1.V1PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.retrieveintent.V1RetrieveIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}")
interface V1RetrieveIntentApi {

    @Operation(operationId = "v1RetrieveIntent", summary = "Retrieve a payment intent (v1)")
    @SecurityRequirement(name = "Bearer")
    @ApiResponse(responseCode = "200", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class), examples = @ExampleObject(name = "v1Intent",
            ref = "#/components/examples/v1Intent")))
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @Get
    V1PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id);
}
