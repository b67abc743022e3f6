package io.cauri.openapi;

import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1RequestSchemas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.updateintent.V1UpdateIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}")
interface V1UpdateIntentApi {

    @Operation(operationId = "v1UpdateIntent", summary = "Update a payment intent (v1)",
            description = "description and metadata, before a final status.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1RequestSchemas.UpdateIntent.class),
            examples = @ExampleObject(name = "v1Update", ref = "#/components/examples/v1Update")))
    @ApiResponse(responseCode = "200", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @ErrorResponses.Conflict
    @Patch(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> update(HttpRequest<String> request, @PathVariable String id);
}
