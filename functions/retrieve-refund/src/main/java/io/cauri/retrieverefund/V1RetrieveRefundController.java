package io.cauri.retrieverefund;

import io.cauri.merchant.Caller;
import io.cauri.refund.Refunds;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1Refund;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /api/v1/refunds/{id}}: the same refund as HUB2's route, in the v1 representation. */
@Controller("/api/v1/refunds/{id}")
public class V1RetrieveRefundController {

    private final CallerResolver callers;
    private final Refunds refunds;

    public V1RetrieveRefundController(CallerResolver callers, Refunds refunds) {
        this.callers = callers;
        this.refunds = refunds;
    }

    @Get
    public V1Refund retrieve(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return V1Refund.of(refunds.find(caller.merchantId(), caller.mode(), id));
    }
}
