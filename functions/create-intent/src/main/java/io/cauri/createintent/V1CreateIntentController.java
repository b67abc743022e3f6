package io.cauri.createintent;

import io.cauri.intent.PaymentIntentService;
import io.cauri.merchant.Caller;
import io.cauri.provider.ProviderCoverage;
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

/** {@code POST /api/v1/payment-intents}: the v1 family's create, on the same domain operation as HUB2's. */
@Tag(name = "v1 payment intents")
@Controller("/api/v1/payment-intents")
public class V1CreateIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentIntentService intents;
    private final ProviderCoverage coverage;
    private final JsonMapper json;

    public V1CreateIntentController(CallerResolver callers, IdempotentRequests idempotent, PaymentIntentService intents,
                                    ProviderCoverage coverage, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.coverage = coverage;
        this.json = json;
    }

    @Operation(operationId = "v1CreateIntent", summary = "Create a payment intent (v1)",
            description = "Status requires_payment_method; customer_email or customer_phone creates or reuses a customer.")
    @SecurityRequirement(name = "Bearer")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER,
            description = "Retries with the same key replay the first answer for 24 h.",
            schema = @Schema(maxLength = 255))
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1RequestSchemas.CreateIntent.class),
            examples = @ExampleObject(name = "v1CreateIntent", ref = "#/components/examples/v1CreateIntent")))
    @ApiResponse(responseCode = "201", description = "The new intent.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = V1PaymentIntent.class), examples = @ExampleObject(name = "v1Intent",
            ref = "#/components/examples/v1Intent")))
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
            var input = V1Requests.create(JsonBody.parse(json, request.getBody(String.class).orElse(null)), coverage);
            return HttpResponse.created(V1PaymentIntent.of(intents.create(caller, input.intent(), input.details(),
                    input.customer())));
        });
    }
}
