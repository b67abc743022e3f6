package io.cauri.openapi;

import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1RequestSchemas;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.createintent.V1CreateIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents")
interface V1CreateIntentApi {

    @Operation(operationId = "v1CreateIntent", summary = "Create a payment intent (v1)",
            description = "Status requires_payment_method; customer_email or customer_phone creates or reuses a customer.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1RequestSchemas.CreateIntent.class),
            examples = @ExampleObject(name = "v1CreateIntent", ref = "#/components/examples/v1CreateIntent")))
    @ApiResponse(responseCode = "201", description = "The new intent.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class), examples = @ExampleObject(name = "v1Intent",
            ref = "#/components/examples/v1Intent")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.Conflict
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);
}
