package io.cauri.retrieveintent;

import io.cauri.intent.PaymentIntentService;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.v1.V1PaymentIntent;
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

/** {@code GET /api/v1/payment-intents/{id}}: the same intent as HUB2's route, in the v1 representation. */
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}")
public class V1RetrieveIntentController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;

    public V1RetrieveIntentController(CallerResolver callers, PaymentIntentService intents) {
        this.callers = callers;
        this.intents = intents;
    }

    @Operation(operationId = "v1RetrieveIntent", summary = "Retrieve a payment intent (v1)")
    @SecurityRequirement(name = "Bearer")
    @ApiResponse(responseCode = "200", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class), examples = @ExampleObject(name = "v1Intent",
            ref = "#/components/examples/v1Intent")))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public V1PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id) {
        return V1PaymentIntent.of(intents.retrieve(callers.server(request), id));
    }
}
