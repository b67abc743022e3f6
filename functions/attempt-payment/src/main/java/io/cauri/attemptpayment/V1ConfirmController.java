package io.cauri.attemptpayment;

import io.cauri.intent.PaymentIntentService;
import io.cauri.intent.PaymentService;
import io.cauri.merchant.RedirectPolicy;
import io.cauri.merchant.Caller;
import io.cauri.web.ApiError;
import io.cauri.web.CallerResolver;
import io.cauri.web.IdempotentRequests;
import io.cauri.web.JsonBody;
import io.cauri.web.v1.V1PaymentIntent;
import io.cauri.web.v1.V1RequestSchemas;
import io.cauri.web.v1.V1Requests;
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

/** {@code POST /api/v1/payment-intents/{id}/confirm}: the v1 family's payment attempt, the same domain operation. */
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents/{id}/confirm")
public class V1ConfirmController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentIntentService intents;
    private final PaymentService payments;
    private final JsonMapper json;

    private final RedirectPolicy redirects;

    public V1ConfirmController(CallerResolver callers, IdempotentRequests idempotent, PaymentIntentService intents,
                               PaymentService payments, JsonMapper json, RedirectPolicy redirects) {
        this.redirects = redirects;
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.payments = payments;
        this.json = json;
    }

    @Operation(operationId = "v1ConfirmIntent", summary = "Confirm a payment intent (v1)",
            description = "Attempts the payment: status processing or requires_action.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1RequestSchemas.Confirm.class),
            examples = @ExampleObject(name = "v1Confirm", ref = "#/components/examples/v1Confirm")))
    @ApiResponse(responseCode = "201", description = "The intent.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class),
            examples = @ExampleObject(name = "v1IntentRequiresAction",
            ref = "#/components/examples/v1IntentRequiresAction")))
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
    public HttpResponse<?> confirm(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
            var payment = V1Requests.confirm(body, intents.retrieve(caller, id));
            redirects.check(caller, "return_url", payment.onSuccessRedirectionUrl(), "return_url",
                    payment.onFailedRedirectionUrl());
            return HttpResponse.created(V1PaymentIntent.of(payments.attempt(caller, id, payment, false)));
        });
    }
}
