package io.cauri.openapi;

import io.cauri.web.error.ApiError;
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

// The operations of io.cauri.authenticatepayment.Hub2AuthenticatePaymentController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "HUB2 payment intents")
@Controller("/payment-intents/{id}/authentication")
interface Hub2AuthenticatePaymentApi {

    @Operation(operationId = "hub2Authenticate", summary = "Send the payer's OTP",
            description = "Only while the intent is action_required with an otp next action. By the payer's app (the intent's `token` in the body, no ApiKey headers) or the merchant's server.")
    @Callers.MerchantServerOrTokenInBody
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.Authentication.class),
            examples = @ExampleObject(name = "hub2Authentication", ref = "#/components/examples/hub2Authentication")))
    @ApiResponse(responseCode = "201", description = "The intent, processing or successful (or payment_required).",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2PaymentIntent.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @ApiResponse(responseCode = "409",
            description = "No OTP is pending, or the same Idempotency-Key is still running.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> authenticate(HttpRequest<String> request, @PathVariable String id);
}
