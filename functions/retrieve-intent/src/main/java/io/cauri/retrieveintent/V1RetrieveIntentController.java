package io.cauri.retrieveintent;

import io.cauri.payment.IntentLifecycle;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /api/v1/payment-intents/{id}}: the same intent as HUB2's route, in the v1 representation. */
@Controller("/api/v1/payment-intents/{id}")
public class V1RetrieveIntentController {

    private final CallerResolver callers;
    private final IntentLifecycle intents;

    public V1RetrieveIntentController(CallerResolver callers, IntentLifecycle intents) {
        this.callers = callers;
        this.intents = intents;
    }

    @Get
    public V1PaymentIntent retrieve(HttpRequest<?> request, @PathVariable String id) {
        return V1PaymentIntent.of(intents.retrieve(callers.server(request), id));
    }
}
