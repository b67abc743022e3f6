package io.cauri.cancelintent;

import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.wire.v1.V1PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

/**
 * {@code POST /api/v1/payment-intents/{id}/cancel}: from {@code requires_payment_method} or
 * {@code requires_action} (the pending payment fails {@code canceled}); 409 otherwise.
 */
@Controller("/api/v1/payment-intents/{id}/cancel")
public class V1CancelIntentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final IntentLifecycle intents;

    public V1CancelIntentController(CallerResolver callers, IdempotentRequests idempotent, IntentLifecycle intents) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> cancel(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> HttpResponse.ok(V1PaymentIntent.of(intents.cancel(caller, id))));
    }
}
