package io.cauri.webhooks;

import io.cauri.event.WebhookDeliveries;
import io.cauri.refusal.Refusal;
import io.cauri.web.ApiError;
import io.cauri.web.ApiException;
import io.cauri.web.CallerResolver;
import io.cauri.web.hub2.Hub2Event;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The events of a merchant's intents and their deliveries (API key only): {@code GET /payment-intents/{id}/events}
 * lists them oldest first; {@code POST /events/{id}/resend} queues an event again to the endpoints subscribed
 * to it (202). Events are kept 30 days.
 */
@Tag(name = "Webhooks")
@Controller
public class EventsController {

    private final CallerResolver callers;
    private final WebhookDeliveries deliveries;
    private final JsonMapper json;

    public EventsController(CallerResolver callers, WebhookDeliveries deliveries, JsonMapper json) {
        this.callers = callers;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Operation(operationId = "listIntentEvents", summary = "An intent's events and their deliveries",
            description = "Oldest first; events are kept 30 days.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @ApiResponse(responseCode = "200", description = "The events.", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Hub2Event.class))))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404",
            description = "No such intent for this merchant (another merchant's intent is 404 too).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Get(value = "/payment-intents/{id}/events", produces = MediaType.APPLICATION_JSON)
    public List<Hub2Event> events(HttpRequest<?> request, @PathVariable String id) {
        return deliveries.eventsOfIntent(callers.server(request), id).stream().map(e -> Hub2Event.of(json, e)).toList();
    }

    @Operation(operationId = "resendEvent", summary = "Send an event again",
            description = "Queued again to the endpoints subscribed to it.")
    @SecurityRequirement(name = "ApiKey")
    @Parameter(name = "MerchantId", in = ParameterIn.HEADER, required = true,
            description = "The merchant's id (with ApiKey).", schema = @Schema(type = "string"))
    @Parameter(name = "Environment", in = ParameterIn.HEADER, required = true,
            description = "With ApiKey: the key's mode.", schema = @Schema(allowableValues = {"sandbox", "live"}))
    @ApiResponse(responseCode = "202", description = "What happened for each endpoint.",
            content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Hub2Event.Hub2Resend.class)))
    @ApiResponse(responseCode = "401", description = "Missing or invalid credentials.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such webhook (or event) for this merchant.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Post(value = "/events/{id}/resend", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Hub2Event.Hub2Resend> resend(HttpRequest<?> request, @PathVariable String id) {
        var resent = deliveries.resend(callers.server(request), id).orElseThrow(() ->
                ApiException.of(Refusal.NOT_FOUND, "No event " + WebhooksController.shown(id) + ".", "id"));
        return HttpResponse.accepted().body(Hub2Event.Hub2Resend.of(id, resent));
    }
}
