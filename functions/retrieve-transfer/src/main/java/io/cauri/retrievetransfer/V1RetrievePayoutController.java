package io.cauri.retrievetransfer;

import io.cauri.merchant.Caller;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1Payout;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /api/v1/payouts/{id}}: the same transfer as HUB2's route, in the v1 representation. */
@Controller("/api/v1/payouts/{id}")
public class V1RetrievePayoutController {

    private final CallerResolver callers;
    private final Transfers transfers;

    public V1RetrievePayoutController(CallerResolver callers, Transfers transfers) {
        this.callers = callers;
        this.transfers = transfers;
    }

    @Get
    public V1Payout retrieve(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return V1Payout.of(transfers.find(caller.merchantId(), caller.mode(), id));
    }
}
