package io.cauri.openapi;

import io.cauri.wire.v1.V1PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

// The operations of io.cauri.cancelintent.V1CancelIntentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}/cancel")
interface V1CancelIntentApi {

    @Operation(operationId = "v1CancelIntent", summary = "Cancel a payment intent (v1)",
            description = "From requires_payment_method or requires_action.")
    @SecurityRequirement(name = "Bearer")
    @RequestParameters.Idempotent
    @ApiResponse(responseCode = "200", description = "The intent, canceled.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @ErrorResponses.Conflict
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> cancel(HttpRequest<?> request, @PathVariable String id);
}
