package io.cauri.listtransfers;

import io.cauri.merchant.Caller;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1Payout;
import io.cauri.wire.v1.V1PayoutList;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/v1/payouts}: cursor pages ({@code limit} 1–100, {@code starting_after} / {@code ending_before}),
 * newest first. A payout is small and bounded (no metadata), so 100 of them stay far below Lambda's response limit.
 */
@Controller("/api/v1/payouts")
public class V1ListPayoutsController {

    private final CallerResolver callers;
    private final Transfers transfers;

    public V1ListPayoutsController(CallerResolver callers, Transfers transfers) {
        this.callers = callers;
        this.transfers = transfers;
    }

    @Get
    public V1PayoutList list(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        var page = transfers.page(caller.merchantId(), caller.mode(), query.limit(), query.startingAfter(),
                query.endingBefore());
        return V1PayoutList.of(page.items().stream().map(V1Payout::of).toList(), page.hasMore());
    }
}
