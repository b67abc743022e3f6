package io.cauri.webhooks;

import io.cauri.merchant.Caller;
import io.cauri.web.auth.CallerResolver;
import io.cauri.webhook.EventFeed;
import io.cauri.wire.hub2.Hub2EventFeed;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;

/**
 * {@code GET /events} (API key): the merchant's events feed in the request's mode, oldest first after {@code after}
 * (an event id of the merchant's or the page's {@code nextCursor}), of the {@code type}s asked for, {@code limit}
 * 1–100 (20). The events and their bodies are the webhooks' own ({@link EventFeed}).
 */
@Controller
public class Hub2EventFeedController {

    private final CallerResolver callers;
    private final EventFeed feed;
    private final JsonMapper json;

    public Hub2EventFeedController(CallerResolver callers, EventFeed feed, JsonMapper json) {
        this.callers = callers;
        this.feed = feed;
        this.json = json;
    }

    @Get(value = "/events", produces = MediaType.APPLICATION_JSON)
    public Hub2EventFeed feed(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        HttpParameters query = request.getParameters();
        int limit = EventFeed.limit(query.get("limit"), "limit");
        var types = EventFeed.types(query.getAll("type"), "type");
        String after = query.get("after");
        return Hub2EventFeed.of(json, feed.page(caller.merchantId(), caller.mode(),
                after == null || after.isEmpty() ? null : after, "after", types, limit));
    }
}
