package io.cauri.createintent;

import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.provider.ProviderCoverage;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/** {@code POST /api/v1/payment-intents}: the v1 family's create, on the same domain operation as HUB2's. */
@Controller("/api/v1/payment-intents")
public class V1CreateIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final IntentLifecycle intents;
    private final ProviderCoverage coverage;
    private final JsonMapper json;

    public V1CreateIntentController(CallerResolver callers, IdempotentRequests idempotent, IntentLifecycle intents,
                                    ProviderCoverage coverage, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.coverage = coverage;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var input = V1Requests.create(JsonBody.parse(json, request.getBody(String.class).orElse(null)), coverage);
            return HttpResponse.created(V1PaymentIntent.of(intents.create(caller, input.intent(), input.details(),
                    input.customer())));
        });
    }
}
