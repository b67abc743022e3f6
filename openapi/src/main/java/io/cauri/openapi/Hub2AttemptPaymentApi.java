package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.cauri.wire.hub2.Hub2RequestSchemas;
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
import io.swagger.v3.oas.annotations.tags.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// The operations of io.cauri.attemptpayment.Hub2AttemptPaymentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/payments")
interface Hub2AttemptPaymentApi {

    @Operation(operationId = "hub2AttemptPayment", summary = "Attempt a payment",
            description = "By the payer's app (the intent's `token` in the body, no ApiKey headers) or the merchant's server (headers).")
    @ApiResponse(responseCode = "201", description = "The intent, now processing or action_required (or "
            + "payment_required with lastPaymentFailure).", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(
            name = "hub2IntentActionRequired", ref = "#/components/examples/hub2IntentActionRequired")))
    @Attempt
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> attempt(HttpRequest<String> request, @PathVariable String id);

    @Operation(operationId = "hub2AttemptPaymentSync",
            summary = "Attempt a payment, answering once the provider has answered",
            description = "Same body as /payments.")
    @ApiResponse(responseCode = "201", description = "The intent, now processing or action_required (or "
            + "payment_required with lastPaymentFailure).", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(
            name = "hub2IntentActionRequired", ref = "#/components/examples/hub2IntentActionRequired")))
    @Attempt
    @Post(value = "/sync", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> attemptSync(HttpRequest<String> request, @PathVariable String id);

    /**
     * What both routes share: the same body, callers and refusals; only the wait differs. (Their 201 stands on each
     * route: micronaut-openapi adds a default 200 to an operation that declares no success answer itself.)
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Callers.MerchantServerOrTokenInBody
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.Attempt.class),
            examples = @ExampleObject(name = "hub2AttemptMobileMoney",
            ref = "#/components/examples/hub2AttemptMobileMoney")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @ErrorResponses.AttemptConflict
    @interface Attempt {
    }
}
