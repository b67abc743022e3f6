package io.cauri.openapi;

import io.cauri.web.error.ApiError;
import io.cauri.wire.hub2.Hub2RequestSchemas;
import io.cauri.wire.hub2.Hub2Webhook;
import io.cauri.wire.hub2.Hub2WebhookPing;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.webhooks.Hub2WebhooksController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Webhooks")
@Controller("/webhooks")
interface Hub2WebhooksApi {

    @Operation(operationId = "createWebhook", summary = "Subscribe a webhook endpoint",
            description = "The answer carries the signing secret, shown only here and on rotation. The url must be "
                    + "https (in sandbox also http to localhost or 127.0.0.1) and reach a public address: a host "
                    + "that is, or resolves to, a loopback (allowed in sandbox only), private, link-local, unique "
                    + "local, unspecified, IPv4-mapped or reserved address is refused (400), here and again at "
                    + "every delivery. With an Idempotency-Key, a retry gets the same endpoint and the same secret "
                    + "(kept sealed, never in clear).")
    @Callers.MerchantServer
    @RequestParameters.Idempotent
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.CreateWebhook.class),
            examples = @ExampleObject(name = "createWebhook", ref = "#/components/examples/createWebhook")))
    @ApiResponse(responseCode = "201", description = "The endpoint, with its secret.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Webhook.class),
            examples = @ExampleObject(name = "webhookWithSecret", ref = "#/components/examples/webhookWithSecret")))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ApiResponse(responseCode = "409", description = "Too many endpoints (`invalid_state`), or one already at this "
            + "url in this environment (`duplicate_url`).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<String> request);

    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints", description = "Without their secrets.")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "The endpoints.",
            content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Webhook.class))))
    @ErrorResponses.Unauthorized
    @Get(produces = MediaType.APPLICATION_JSON)
    List<Hub2Webhook> list(HttpRequest<?> request);

    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook endpoint")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "Deleted.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2Webhook.Deleted.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.WebhookNotFound
    @Delete(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    Hub2Webhook.Deleted delete(HttpRequest<?> request, @PathVariable String id);

    @Operation(operationId = "updateWebhook", summary = "Change a webhook endpoint",
            description = "Any of url (the creation's rules, its address checked the same way), events and enabled; "
                    + "any other field is refused (400). Re-enabling an endpoint (one disabled after failing every "
                    + "delivery for 3 days, or by the merchant) starts its failure clock over.")
    @Callers.MerchantServer
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2RequestSchemas.UpdateWebhook.class)))
    @ApiResponse(responseCode = "200", description = "The endpoint as changed, without its secret.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Webhook.class)))
    @ErrorResponses.BadRequest
    @ErrorResponses.Unauthorized
    @ErrorResponses.WebhookNotFound
    @ApiResponse(responseCode = "409", description = "Another endpoint is at this url in this environment "
            + "(`duplicate_url`), or another request changed the endpoint meanwhile (`concurrent_change`).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Patch(value = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    Hub2Webhook update(HttpRequest<String> request, @PathVariable String id);

    @Operation(operationId = "testWebhook", summary = "Send a test ping to an endpoint",
            description = "Posts one event of type `ping` (`data.webhookId`), signed like every delivery, to the "
                    + "endpoint now — enabled or not — and answers how it went. A ping is not logged, not retried "
                    + "and not in the events of the account.")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "The ping sent and the endpoint's answer.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2WebhookPing.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.WebhookNotFound
    @Post(value = "/{id}/test", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    Hub2WebhookPing test(HttpRequest<String> request, @PathVariable String id);

    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate an endpoint's secret",
            description = "The previous secret still signs for 24 hours. With an Idempotency-Key, a retry gets the "
                    + "same new secret and rotates nothing more.")
    @Callers.MerchantServer
    @RequestParameters.Idempotent
    @ApiResponse(responseCode = "200", description = "The endpoint, with its new secret.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Hub2Webhook.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.WebhookNotFound
    @Post(value = "/{id}/secret/rotate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> rotate(HttpRequest<String> request, @PathVariable String id);
}
