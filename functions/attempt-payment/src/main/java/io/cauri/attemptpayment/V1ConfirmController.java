package io.cauri.attemptpayment;

import io.cauri.payment.DuplicateDebitException;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.RedirectPolicy;
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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/** {@code POST /api/v1/payment-intents/{id}/confirm}: the v1 family's payment attempt, the same domain operation. */
@Controller("/api/v1/payment-intents/{id}/confirm")
public class V1ConfirmController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final IntentLifecycle intents;
    private final PaymentAttempts payments;
    private final JsonMapper json;

    private final RedirectPolicy redirects;

    /** Where a v1 confirm carries the payer's number. */
    static final String V1_MSISDN = "payment_method.mobile_money.msisdn";

    public V1ConfirmController(CallerResolver callers, IdempotentRequests idempotent, IntentLifecycle intents,
                               PaymentAttempts payments, JsonMapper json, RedirectPolicy redirects) {
        this.redirects = redirects;
        this.callers = callers;
        this.idempotent = idempotent;
        this.intents = intents;
        this.payments = payments;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> confirm(HttpRequest<String> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
            var payment = V1Requests.confirm(body, intents.retrieve(caller, id));
            redirects.check(caller, "return_url", payment.onSuccessRedirectionUrl(), "return_url",
                    payment.onFailedRedirectionUrl());
            try {
                return HttpResponse.created(V1PaymentIntent.of(payments.attempt(caller, id, payment, false)));
            } catch (DuplicateDebitException duplicate) {
                throw duplicate.at(V1_MSISDN); // the number's field as this family names it
            }
        });
    }
}
