package io.cauri.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The one OpenAPI document of both route families. micronaut-openapi's processor runs on this module only and
 * reads the route groups described beside this class: one interface per function controller
 * ({@code Hub2…Api}, {@code V1…Api}, the providers' and pages' {@code …Api}), each with the controller's
 * {@code @Controller} path, its routing annotations and signatures, and the operations' descriptions. The
 * controllers carry only their routing, and no Lambda jar carries the document, the processor or these
 * descriptions. Error answers, callers and parameters that several operations share are written once, as
 * meta-annotations ({@link ErrorResponses}, {@link Callers}, {@link RequestParameters}). A route added to
 * template.yaml and a controller needs its operation here too: OpenApiCompletenessTest fails until it is.
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
                @Tag(name = "Balance and statements",
                        description = "The merchant's books: balances per currency, and every movement of them."),
                @Tag(name = "HUB2 transfers", description = "Pay-outs to mobile money wallets from the available balance."),
                @Tag(name = "HUB2 refunds"),
                @Tag(name = "v1 payouts"),
                @Tag(name = "v1 refunds"),
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
public final class CauriApi {
    private CauriApi() {
    }
}
