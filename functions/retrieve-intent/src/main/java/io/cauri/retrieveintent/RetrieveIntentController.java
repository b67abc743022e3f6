package io.cauri.retrieveintent;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
import io.cauri.token.IntentTokens;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.PollingBans;
import io.cauri.web.hub2.Hub2IntentStatus;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /payment-intents/{id}} and {@code …/status}: for the merchant's server (headers) or for the
 * client app holding that intent's token ({@code ?token=}).
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}")
public class RetrieveIntentController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;
    private final IntentTokens tokens;
    private final PollingBans pollingBans;

    public RetrieveIntentController(CallerResolver callers, PaymentIntentService intents, IntentTokens tokens,
                                    PollingBans pollingBans) {
        this.callers = callers;
        this.intents = intents;
        this.tokens = tokens;
        this.pollingBans = pollingBans;
    }

    @Operation(operationId = "hub2RetrieveIntent", summary = "Retrieve a payment intent",
            description = "For the merchant's server (headers) or the client app holding the intent's token (?token=).")
    @SecurityRequirement(name = "ApiKey")
    @SecurityRequirement(name = "IntentToken")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @ApiResponse(responseCode = "200", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2Intent",
            ref = "#/components/examples/hub2Intent")))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get
    public Hub2PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id,
                                      @Parameter(description = "The intent's token, for the client app.")
                                      @Nullable @QueryValue String token) {
        PaymentIntent intent = read(request, id, token);
        return Hub2PaymentIntent.of(intent, tokens.issue(intent));
    }

    @Operation(operationId = "hub2IntentStatus", summary = "Poll an intent's status",
            description = "The light answer for polling, by server or token.")
    @SecurityRequirement(name = "ApiKey")
    @SecurityRequirement(name = "IntentToken")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @ApiResponse(responseCode = "200", description = "The intent's id and status.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2IntentStatus.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get("/status")
    public Hub2IntentStatus status(HttpRequest<?> request, @PathVariable String id,
                                   @Parameter(description = "The intent's token, for the client app.")
                                   @Nullable @QueryValue String token) {
        return Hub2IntentStatus.of(read(request, id, token));
    }

    /** Reads the intent and tells the polling ban what state it was polled in (HUB2 §6). */
    private PaymentIntent read(HttpRequest<?> request, String id, String token) {
        PaymentIntent intent = intents.retrieve(callers.serverOrToken(request, id, token), id);
        pollingBans.observe(request, intent.status());
        return intent;
    }
}
