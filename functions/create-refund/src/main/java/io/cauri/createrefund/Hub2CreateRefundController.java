package io.cauri.createrefund;

import io.cauri.merchant.Caller;
import io.cauri.refund.Refunds;
import io.cauri.refusal.RefusalException;
import io.cauri.web.error.ApiException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2Refund;
import io.cauri.wire.hub2.Hub2RefundRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/**
 * {@code POST /refunds}: a merchant's server gives back part or all of a successful payment. Authenticated first,
 * then {@code Idempotency-Key} (a retried request never refunds twice), then the body. 201 with the refund as it
 * stands after the provider's first answer.
 */
@Controller("/refunds")
public class Hub2CreateRefundController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final Refunds refunds;
    private final JsonMapper json;

    public Hub2CreateRefundController(CallerResolver callers, IdempotentRequests idempotent, Refunds refunds,
                                      JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.refunds = refunds;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var input = Hub2RefundRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            try {
                return HttpResponse.created(Hub2Refund.of(refunds.create(caller.merchantId(), caller.mode(),
                        input.toNewRefund())));
            } catch (RefusalException refused) {
                throw inHub2Names(refused);
            }
        });
    }

    /**
     * The domain names the refunded payment's fields as the v1 family does ({@code payment_intent}, {@code payment});
     * this family's body calls them {@code paymentIntentId} and {@code paymentId}, and a refusal names the field the
     * caller sent.
     */
    static RuntimeException inHub2Names(RefusalException refused) {
        String param = refused.param();
        String hub2 = "payment_intent".equals(param) ? "paymentIntentId" : "payment".equals(param) ? "paymentId" : null;
        return hub2 == null ? refused : ApiException.of(refused.refusal(), refused.publicMessage(), hub2);
    }
}
