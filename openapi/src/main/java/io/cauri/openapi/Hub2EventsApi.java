package io.cauri.openapi;

import io.cauri.wire.hub2.Hub2Event;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

// The operations of io.cauri.webhooks.Hub2EventsController, which serves them:
// its path, routing and signatures, with their descriptions for the OpenAPI document.
@Tag(name = "Webhooks")
@Controller
interface Hub2EventsApi {

    @Operation(operationId = "listIntentEvents", summary = "An intent's events and their deliveries",
            description = "Oldest first; events are kept 30 days.")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "200", description = "The events.", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Event.class))))
    @ErrorResponses.Unauthorized
    @ErrorResponses.IntentNotFound
    @Get(value = "/payment-intents/{id}/events", produces = MediaType.APPLICATION_JSON)
    List<Hub2Event> events(HttpRequest<?> request, @PathVariable String id);

    @Operation(operationId = "resendEvent", summary = "Send an event again",
            description = "Queued again to the endpoints subscribed to it.")
    @Callers.MerchantServer
    @ApiResponse(responseCode = "202", description = "What happened for each endpoint.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2Event.Hub2Resend.class)))
    @ErrorResponses.Unauthorized
    @ErrorResponses.WebhookNotFound
    @Post(value = "/events/{id}/resend", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Hub2Event.Hub2Resend> resend(HttpRequest<?> request, @PathVariable String id);
}
