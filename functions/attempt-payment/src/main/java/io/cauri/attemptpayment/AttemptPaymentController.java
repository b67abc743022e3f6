package io.cauri.attemptpayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentService;
import io.cauri.merchant.RedirectPolicy;
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
 * {@code POST /payment-intents/{id}/payments} and {@code …/payments/sync}: the payer's app (intent token
 * in the body) or the merchant's server (headers) attempts a payment; 201 with the intent, now
 * {@code processing} or {@code action_required} (or back to {@code payment_required} with the failure).
 */
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/payments")
public class AttemptPaymentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentService payments;
    private final IntentTokens tokens;
    private final JsonMapper json;
    private final RedirectPolicy redirects;

    public AttemptPaymentController(CallerResolver callers, IdempotentRequests idempotent, PaymentService payments,
                                    IntentTokens tokens, JsonMapper json, RedirectPolicy redirects) {
        this.redirects = redirects;
        this.callers = callers;
        this.idempotent = idempotent;
        this.payments = payments;
        this.tokens = tokens;
        this.json = json;
    }

    @Operation(operationId = "hub2AttemptPayment", summary = "Attempt a payment",
            description = "By the payer's app (the intent's `token` in the body, no ApiKey headers) or the merchant's server (headers).")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.Attempt.class),
            examples = @ExampleObject(name = "hub2AttemptMobileMoney",
            ref = "#/components/examples/hub2AttemptMobileMoney")))
    @ApiResponse(responseCode = "201",
            description = "The intent, now processing or action_required (or payment_required with lastPaymentFailure).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2IntentActionRequired", ref = "#/components/examples/hub2IntentActionRequired")))
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status (`invalid_state`), the intent already holds "
                    + "its 20 attempts (`too_many_attempts`: create a new intent), a concurrent change won "
                    + "(`concurrent_change`), or the same Idempotency-Key is still running or locked after a 5xx "
                    + "(`idempotency_key_in_use`).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> attempt(HttpRequest<String> request, @PathVariable String id) {
        return attempt(request, id, false);
    }

    @Operation(operationId = "hub2AttemptPaymentSync",
            summary = "Attempt a payment, answering once the provider has answered",
            description = "Same body as /payments.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = false,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = false,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.Attempt.class),
            examples = @ExampleObject(name = "hub2AttemptMobileMoney",
            ref = "#/components/examples/hub2AttemptMobileMoney")))
    @ApiResponse(responseCode = "201",
            description = "The intent, now processing or action_required (or payment_required with lastPaymentFailure).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2PaymentIntent.class), examples = @ExampleObject(name = "hub2IntentActionRequired", ref = "#/components/examples/hub2IntentActionRequired")))
    @ApiResponse(responseCode = "400", description = "Invalid input: `code` says what, `param` names the field.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409",
            description = "Not allowed in the intent's current status (`invalid_state`), the intent already holds "
                    + "its 20 attempts (`too_many_attempts`: create a new intent), a concurrent change won "
                    + "(`concurrent_change`), or the same Idempotency-Key is still running or locked after a 5xx "
                    + "(`idempotency_key_in_use`).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422",
            description = "This Idempotency-Key was already used with a different request.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(value = "/sync", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> attemptSync(HttpRequest<String> request, @PathVariable String id) {
        return attempt(request, id, true);
    }

    private HttpResponse<?> attempt(HttpRequest<String> request, String id, boolean sync) {
        // The token travels in the body, so the body is read (not yet validated) before authentication.
        JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
        Caller caller = callers.serverOrToken(request, id, body.optionalString("token").orElse(null));
        return idempotent.run(request, caller, () -> {
            PaymentService.NewPayment payment = Hub2AttemptRequest.parse(body);
            redirects.check(caller, "mobileMoney.onSuccessRedirectionUrl", payment.onSuccessRedirectionUrl(),
                    "mobileMoney.onFailedRedirectionUrl", payment.onFailedRedirectionUrl());
            PaymentIntent intent = payments.attempt(caller, id, payment, sync);
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
