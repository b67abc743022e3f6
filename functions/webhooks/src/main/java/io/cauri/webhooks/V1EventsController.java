package io.cauri.webhooks;

import io.cauri.merchant.Caller;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.error.ApiException;
import io.cauri.webhook.EventFeed;
import io.cauri.wire.v1.V1EventList;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;

/**
 * {@code GET /api/v1/events}: the same feed as {@code GET /events} in the v1 list shape, with the family's cursor
 * name ({@code starting_after}: an event id or the page's {@code next_cursor}). It reads forward only, oldest
 * first, to catch up: {@code ending_before} is refused rather than ignored.
 */
@Controller("/api/v1/events")
public class V1EventsController {

    private final CallerResolver callers;
    private final EventFeed feed;
    private final JsonMapper json;

    public V1EventsController(CallerResolver callers, EventFeed feed, JsonMapper json) {
        this.callers = callers;
        this.feed = feed;
        this.json = json;
    }

    @Get
    public V1EventList list(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        HttpParameters query = request.getParameters();
        int limit = EventFeed.limit(query.get("limit"), "limit");
        var types = EventFeed.types(query.getAll("type"), "type");
        String endingBefore = query.get("ending_before");
        if (endingBefore != null && !endingBefore.isEmpty()) {
            throw ApiException.invalid("ending_before",
                    "The events feed reads forward, oldest first: page on with starting_after.");
        }
        String after = query.get("starting_after");
        return V1EventList.of(json, feed.page(caller.merchantId(), caller.mode(),
                after == null || after.isEmpty() ? null : after, "starting_after", types, limit));
    }
}
