package io.cauri.listintents;

import io.cauri.intent.PaymentIntentService;
import io.cauri.web.CallerResolver;
import io.cauri.web.v1.V1List;
import io.cauri.web.v1.V1PaymentIntent;
import io.cauri.web.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/v1/payment-intents}: cursor pages ({@code starting_after} / {@code ending_before}), newest first. */
@Controller("/api/v1/payment-intents")
public class V1ListIntentsController {

    private final CallerResolver callers;
    private final PaymentIntentService intents;

    public V1ListIntentsController(CallerResolver callers, PaymentIntentService intents) {
        this.callers = callers;
        this.intents = intents;
    }

    @Get
    public V1List list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        var page = intents.page(caller, query.limit(), query.startingAfter(), query.endingBefore());
        return V1List.of(page.items().stream().map(V1PaymentIntent::of).toList(), page.hasMore(), "/api/v1/payment-intents");
    }
}
