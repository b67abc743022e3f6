package io.cauri.createtransfer;

import io.cauri.merchant.Caller;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.v1.V1MoneyOutRequests;
import io.cauri.wire.v1.V1Payout;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/** {@code POST /api/v1/payouts}: the v1 family's transfer, on the same domain operation as HUB2's {@code POST /transfers}. */
@Controller("/api/v1/payouts")
public class V1CreatePayoutController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final Transfers transfers;
    private final JsonMapper json;

    public V1CreatePayoutController(CallerResolver callers, IdempotentRequests idempotent, Transfers transfers,
                                    JsonMapper json) {
        this.callers = callers;
        this.idempotent = idempotent;
        this.transfers = transfers;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> create(HttpRequest<String> request) {
        Caller caller = callers.server(request);
        return idempotent.run(request, caller, () -> {
            var input = V1MoneyOutRequests.payout(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            return HttpResponse.created(V1Payout.of(transfers.create(caller.merchantId(), caller.mode(), input)));
        });
    }
}
