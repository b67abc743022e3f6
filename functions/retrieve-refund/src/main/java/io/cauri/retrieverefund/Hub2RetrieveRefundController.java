package io.cauri.retrieverefund;

import io.cauri.merchant.Caller;
import io.cauri.refund.Refunds;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2Refund;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /refunds/{id}}: one of the merchant's refunds in the requested mode; any other id is 404. */
@Controller("/refunds/{id}")
public class Hub2RetrieveRefundController {

    private final CallerResolver callers;
    private final Refunds refunds;

    public Hub2RetrieveRefundController(CallerResolver callers, Refunds refunds) {
        this.callers = callers;
        this.refunds = refunds;
    }

    @Get
    public Hub2Refund retrieve(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return Hub2Refund.of(refunds.find(caller.merchantId(), caller.mode(), id));
    }
}
