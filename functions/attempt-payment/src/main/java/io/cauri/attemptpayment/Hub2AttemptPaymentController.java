package io.cauri.attemptpayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.RedirectPolicy;
import io.cauri.merchant.Caller;
import io.cauri.token.IntentTokens;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2AttemptRequest;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/**
 * {@code POST /payment-intents/{id}/payments} and {@code …/payments/sync}: the payer's app (intent token
 * in the body) or the merchant's server (headers) attempts a payment; 201 with the intent, now
 * {@code processing} or {@code action_required} (or back to {@code payment_required} with the failure).
 */
@Controller("/payment-intents/{id}/payments")
public class Hub2AttemptPaymentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentAttempts payments;
    private final IntentTokens tokens;
    private final JsonMapper json;
    private final RedirectPolicy redirects;

    public Hub2AttemptPaymentController(CallerResolver callers, IdempotentRequests idempotent, PaymentAttempts payments,
                                    IntentTokens tokens, JsonMapper json, RedirectPolicy redirects) {
        this.redirects = redirects;
        this.callers = callers;
        this.idempotent = idempotent;
        this.payments = payments;
        this.tokens = tokens;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> attempt(HttpRequest<String> request, @PathVariable String id) {
        return attempt(request, id, false);
    }

    @Post(value = "/sync", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> attemptSync(HttpRequest<String> request, @PathVariable String id) {
        return attempt(request, id, true);
    }

    private HttpResponse<?> attempt(HttpRequest<String> request, String id, boolean sync) {
        // The token travels in the body, so the body is read (not yet validated) before authentication.
        JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
        Caller caller = callers.serverOrToken(request, id, body.optionalString("token").orElse(null));
        return idempotent.run(request, caller, () -> {
            PaymentAttempts.NewPayment payment = Hub2AttemptRequest.parse(body);
            redirects.check(caller, "mobileMoney.onSuccessRedirectionUrl", payment.onSuccessRedirectionUrl(),
                    "mobileMoney.onFailedRedirectionUrl", payment.onFailedRedirectionUrl());
            PaymentIntent intent = payments.attempt(caller, id, payment, sync);
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
