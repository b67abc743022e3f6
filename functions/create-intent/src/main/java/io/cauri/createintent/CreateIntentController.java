package io.cauri.createintent;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
import io.cauri.merchant.Caller;
import io.cauri.token.IntentTokens;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.IdempotentRequests;
import io.cauri.web.JsonBody;
import io.cauri.web.hub2.Hub2CreateIntentRequest;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.cauri.web.hub2.Hub2RequestSchemas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /payment-intents}: a merchant's server opens an intent; the response carries its client token.
 * Authenticated first (401 before anything), then {@code Idempotency-Key}, then the body.
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents")
public class CreateIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentIntentService intents;
    private final IntentTokens tokens;
    private final JsonMapper json;

    public CreateIntentController(CallerResolver callers, IdempotentRequests idempotent, PaymentIntentService intents,
                                  IntentTokens tokens, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.tokens = tokens;
        this.json = json;
    }

    @Operation(operationId = "hub2CreateIntent", summary = "Create a payment intent",
            description = "Answers the intent with its client token, status payment_required.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.CreateIntent.class),
            examples = @ExampleObject(name = "hub2CreateIntent", ref = "#/components/examples/hub2CreateIntent")))
    @ApiResponse(responseCode = "201", description = "The new intent.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2Intent",
            ref = "#/components/examples/hub2Intent")))
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status, or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var input = Hub2CreateIntentRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            PaymentIntent intent = intents.create(caller, input);
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
