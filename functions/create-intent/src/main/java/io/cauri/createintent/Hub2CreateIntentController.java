package io.cauri.createintent;

import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.token.IntentTokens;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2CreateIntentRequest;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/**
 * {@code POST /payment-intents}: a merchant's server opens an intent; the response carries its client token.
 * Authenticated first (401 before anything), then {@code Idempotency-Key}, then the body.
 */
@Controller("/payment-intents")
public class Hub2CreateIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final IntentLifecycle intents;
    private final IntentTokens tokens;
    private final JsonMapper json;

    public Hub2CreateIntentController(CallerResolver callers, IdempotentRequests idempotent, IntentLifecycle intents,
                                  IntentTokens tokens, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.tokens = tokens;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var input = Hub2CreateIntentRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            PaymentIntent intent = intents.create(caller, input);
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
