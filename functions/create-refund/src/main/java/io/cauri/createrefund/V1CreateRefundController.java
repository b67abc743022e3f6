package io.cauri.createrefund;

import io.cauri.merchant.Caller;
import io.cauri.refund.Refunds;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.v1.V1MoneyOutRequests;
import io.cauri.wire.v1.V1Refund;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/** {@code POST /api/v1/refunds}: the v1 family's refund, on the same domain operation as {@code POST /refunds}. */
@Controller("/api/v1/refunds")
public class V1CreateRefundController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final Refunds refunds;
    private final JsonMapper json;

    public V1CreateRefundController(CallerResolver callers, IdempotentRequests idempotent, Refunds refunds,
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
            var input = V1MoneyOutRequests.refund(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            return HttpResponse.created(V1Refund.of(refunds.create(caller.merchantId(), caller.mode(), input)));
        });
    }
}
