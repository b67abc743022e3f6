package io.cauri.authenticatepayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.payment.PaymentAttempts;
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
 * {@code POST /payment-intents/{id}/authentication}: the payer's OTP for the current payment; only while
 * the intent is {@code action_required} with an {@code otp} next action, else 409.
 */
@Controller("/payment-intents/{id}/authentication")
public class Hub2AuthenticatePaymentController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final PaymentAttempts payments;
    private final IntentTokens tokens;
    private final JsonMapper json;

    public Hub2AuthenticatePaymentController(CallerResolver callers, IdempotentRequests idempotent, PaymentAttempts payments,
                                         IntentTokens tokens, JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.payments = payments;
        this.tokens = tokens;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> authenticate(HttpRequest<String> request, @PathVariable String id) {
        JsonBody body = JsonBody.parse(json, request.getBody(String.class).orElse(null));
        Caller caller = callers.serverOrToken(request, id, body.optionalString("token").orElse(null));
        return idempotent.run(request, caller, () -> {
            PaymentIntent intent = payments.authenticate(caller, id, Hub2AttemptRequest.confirmationCode(body));
            return HttpResponse.created(Hub2PaymentIntent.of(intent, tokens.issue(intent)));
        });
    }
}
