package io.cauri.updateintent;

import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.v1.V1PaymentIntent;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;

/** {@code PATCH /api/v1/payment-intents/{id}}: description and metadata (merged; "" removes a key), before a final status. */
@Controller("/api/v1/payment-intents/{id}")
public class V1UpdateIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final IntentLifecycle intents;
    private final JsonMapper json;

    public V1UpdateIntentController(CallerResolver callers, IdempotentRequests idempotent, IntentLifecycle intents,
                                  JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.json = json;
    }

    @Patch(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> update(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var changes = V1Requests.update(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            return HttpResponse.ok(V1PaymentIntent.of(intents.update(caller, id, changes.description(), changes.metadata())));
        });
    }
}
