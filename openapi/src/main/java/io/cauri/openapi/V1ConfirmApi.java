package io.cauri.openapi;

import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1RequestSchemas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.attemptpayment.V1ConfirmController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}/confirm")
interface V1ConfirmApi {

    @Operation(operationId = "v1ConfirmIntent", summary = "Confirm a payment intent (v1)",
            description = "Attempts the payment: status processing or requires_action.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1RequestSchemas.Confirm.class),
            examples = @ExampleObject(name = "v1Confirm", ref = "#/components/examples/v1Confirm")))
    @ApiResponse(responseCode = "201", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class),
            examples = @ExampleObject(name = "v1IntentRequiresAction",
            ref = "#/components/examples/v1IntentRequiresAction")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @ErrorResponses.AttemptConflict
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> confirm(HttpRequest<String> request, @PathVariable String id);
}
