package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.cauri.wire.hub2.Hub2RequestSchemas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.createintent.Hub2CreateIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents")
interface Hub2CreateIntentApi {

    @Operation(operationId = "hub2CreateIntent", summary = "Create a payment intent",
            description = "Answers the intent with its client token, status payment_required.")
    @Callers.MerchantServer
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.CreateIntent.class),
            examples = @ExampleObject(name = "hub2CreateIntent", ref = "#/components/examples/hub2CreateIntent")))
    @ApiResponse(responseCode = "201", description = "The new intent.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2Intent",
            ref = "#/components/examples/hub2Intent")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.Conflict
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);
}
