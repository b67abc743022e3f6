package io.cauri.webhooks;

import io.cauri.webhook.WebhookDeliveries;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2Event;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

import java.util.List;

/**
 * The events of a merchant's intents and their deliveries (API key only): {@code GET /payment-intents/{id}/events}
 * lists them oldest first; {@code POST /events/{id}/resend} queues an event again to the endpoints subscribed
 * to it (202). Events are kept 30 days.
 */
@Controller
public class Hub2EventsController {

    private final CallerResolver callers;
    private final WebhookDeliveries deliveries;
    private final JsonMapper json;

    public Hub2EventsController(CallerResolver callers, WebhookDeliveries deliveries, JsonMapper json) {
        this.callers = callers;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Get(value = "/payment-intents/{id}/events", produces = MediaType.APPLICATION_JSON)
    public List<Hub2Event> events(HttpRequest<?> request, @PathVariable String id) {
        return deliveries.eventsOfIntent(callers.server(request), id).stream().map(e -> Hub2Event.of(json, e)).toList();
    }

    @Post(value = "/events/{id}/resend", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Hub2Event.Hub2Resend> resend(HttpRequest<?> request, @PathVariable String id) {
        var resent = deliveries.resend(callers.server(request), id).orElseThrow(() ->
                ApiException.of(Refusal.NOT_FOUND, "No event " + Hub2WebhooksController.shown(id) + ".", "id"));
        return HttpResponse.accepted().body(Hub2Event.Hub2Resend.of(id, resent));
    }
}
