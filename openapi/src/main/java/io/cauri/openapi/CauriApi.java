package io.cauri.openapi;

import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The one OpenAPI document of both route families. micronaut-openapi's processor runs on this module only and
 * reads every HTTP controller from the function modules' classes ({@link OpenAPIInclude}), so a route added to a
 * listed controller is documented without more work, and no Lambda jar carries the document or the processor.
 * A new controller class must be listed here: OpenApiCompletenessTest fails until it is.
 */
@OpenAPIDefinition(
        info = @Info(title = "Cauri", version = "1",
                description = "Payment intents for francophone Africa: the HUB2-compatible family (camelCase; `ApiKey`, "
                        + "`MerchantId` and `Environment` headers, or an intent's token for the payer's app) and the "
                        + "Stripe-like v1 family under /api/v1 (snake_case; `Authorization: Bearer <api key>`). Money is "
                        + "in minor units; times are UTC ISO-8601 with milliseconds. Every error is JSON with a stable "
                        + "`code`, a `message` and the offending field in `param`. Any route may also answer 413 "
                        + "`request_too_large`, 414 `uri_too_long` (query over 4096 characters, path over 2048, a path "
                        + "segment over 1024), 431 `request_header_fields_too_large`, 429 `rate_limited` and 503 "
                        + "`service_unavailable` (the request may or may not have taken effect: retry with the same "
                        + "Idempotency-Key)."),
        servers = @Server(url = "/", description = "This server (local-api: http://127.0.0.1:3000)"),
        tags = {
                @Tag(name = "HUB2 payment intents"),
                @Tag(name = "HUB2 payments"),
                @Tag(name = "Webhooks"),
                @Tag(name = "v1 payment intents"),
                @Tag(name = "Providers and sandbox",
                        description = "Called by providers, and the sandbox's payment pages."),
        })
@SecurityScheme(name = "ApiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, paramName = "ApiKey",
        description = "The merchant's API key; HUB2 routes also need the `MerchantId` and `Environment` (sandbox|live) headers.")
@SecurityScheme(name = "IntentToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY,
        paramName = "token",
        description = "An intent's token (from the create answer): the payer's app reads that intent with it, no API key.")
@SecurityScheme(name = "Bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "v1 family: `Authorization: Bearer <api key>`; the key carries its mode.")
@OpenAPIInclude(classes = {
        io.cauri.createintent.CreateIntentController.class,
        io.cauri.createintent.V1CreateIntentController.class,
        io.cauri.retrieveintent.RetrieveIntentController.class,
        io.cauri.retrieveintent.V1RetrieveIntentController.class,
        io.cauri.retrieveintent.ConfiguredUrlsController.class,
        io.cauri.listintents.ListIntentsController.class,
        io.cauri.listintents.V1ListIntentsController.class,
        io.cauri.attemptpayment.AttemptPaymentController.class,
        io.cauri.attemptpayment.V1ConfirmController.class,
        io.cauri.authenticatepayment.AuthenticatePaymentController.class,
        io.cauri.fees.PaymentFeesController.class,
        io.cauri.payments.PaymentsController.class,
        io.cauri.updateintent.UpdateIntentController.class,
        io.cauri.cancelintent.CancelIntentController.class,
        io.cauri.webhooks.WebhooksController.class,
        io.cauri.webhooks.EventsController.class,
        io.cauri.providerevents.ProviderCallbackController.class,
        io.cauri.providerevents.SandboxPaymentPageController.class,
        io.cauri.providerevents.CheckoutPageController.class,
        io.cauri.providerevents.PageAssetController.class,
})
public final class CauriApi {
    private CauriApi() {
    }
}
