package io.cauri.authenticatepayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentService;
import io.cauri.merchant.Caller;
import io.cauri.token.IntentTokens;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.IdempotentRequests;
import io.cauri.web.JsonBody;
import io.cauri.web.hub2.Hub2AttemptRequest;
import io.cauri.web.hub2.Hub2PaymentIntent;
import io.cauri.web.hub2.Hub2RequestSchemas;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
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
 * {@code POST /payment-intents/{id}/authentication}: the payer's OTP for the current payment; only while
 * the intent is {@code action_required} with an {@code otp} next action, else 409.
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/authentication")
public class AuthenticatePaymentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentService payments;
    private final IntentTokens tokens;
    private final JsonMapper json;

    public AuthenticatePaymentController(CallerResolver callers, IdempotentRequests idempotent, PaymentService payments,
                                         IntentTokens tokens, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.payments = payments;
        this.tokens = tokens;
        this.json = json;
    }

    @Operation(operationId = "hub2Authenticate", summary = "Send the payer's OTP",
            description = "Only while the intent is action_required with an otp next action. By the payer's app (the intent's `token` in the body, no ApiKey headers) or the merchant's server.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.Authentication.class),
            examples = @ExampleObject(name = "hub2Authentication", ref = "#/components/examples/hub2Authentication")))
    @ApiResponse(responseCode = "201", description = "The intent, processing or successful (or payment_required).",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409",
            description = "No OTP is pending, or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> authenticate(HttpRequest<String> request, @PathVariable String id) {
        JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
        Caller caller = callers.serverOrToken(request, id, body.optionalString("token").orElse(null));
        return idempotent.run(request, caller, () -> {
            PaymentIntent intent = payments.authenticate(caller, id, Hub2AttemptRequest.confirmationCode(body));
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
