package io.cauri.listintents;

import io.cauri.intent.IntentRepository;
import io.cauri.payment.IntentLifecycle;
import io.cauri.token.IntentTokens;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2ListRequest;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/**
 * {@code GET /payment-intents}: the merchant's intents in the requested mode, newest first, one page at a
 * time, with {@code X-Total-Count}, {@code X-Page}, {@code X-Per-Page} and {@code Link} headers.
 */
@Controller("/payment-intents")
public class Hub2ListIntentsController {

    private final CallerResolver callers;
    private final IntentLifecycle intents;
    private final IntentTokens tokens;

    public Hub2ListIntentsController(CallerResolver callers, IntentLifecycle intents, IntentTokens tokens) {
        this.callers = callers;
        this.intents = intents;
        this.tokens = tokens;
    }

    @Get
    public HttpResponse<List<Hub2PaymentIntent>> list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = Hub2ListRequest.parse(request.getParameters(), intents.now());
        IntentRepository.Page page = intents.list(query.toQuery(caller));
        List<Hub2PaymentIntent> body = page.items().stream().map(i -> Hub2PaymentIntent.of(i, tokens.issue(i))).toList();
        return HttpResponse.ok(body).headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }
}
