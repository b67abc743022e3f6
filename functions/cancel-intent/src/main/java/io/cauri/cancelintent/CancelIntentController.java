package io.cauri.cancelintent;

import io.cauri.intent.PaymentIntentService;
import io.cauri.merchant.Caller;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.IdempotentRequests;
import io.cauri.web.v1.V1PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/payment-intents/{id}/cancel}: from {@code requires_payment_method} or
 * {@code requires_action} (the pending payment fails {@code canceled}); 409 otherwise.
 */
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}/cancel")
public class CancelIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentIntentService intents;

    public CancelIntentController(CallerResolver callers, IdempotentRequests idempotent, PaymentIntentService intents) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
    }

    @Operation(operationId = "v1CancelIntent", summary = "Cancel a payment intent (v1)",
            description = "From requires_payment_method or requires_action.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @ApiResponse(responseCode = "200", description = "The intent, canceled.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status, or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> cancel(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> HttpResponse.ok(V1PaymentIntent.of(intents.cancel(caller, id))));
    }
}
