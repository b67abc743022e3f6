package io.cauri.listrefunds;

import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import io.cauri.refund.Refunds;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.error.ApiException;
import io.cauri.wire.v1.V1Refund;
import io.cauri.wire.v1.V1RefundList;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/v1/refunds}: cursor pages ({@code limit} 1–100, {@code starting_after} / {@code ending_before}),
 * newest first, of one intent's payments with {@code payment_intent}. A page of 100 refunds with full metadata
 * (50 keys of 40 + 500 characters) is under 3 MB, inside Lambda's 6 MB response limit.
 */
@Controller("/api/v1/refunds")
public class V1ListRefundsController {

    private final CallerResolver callers;
    private final Refunds refunds;

    public V1ListRefundsController(CallerResolver callers, Refunds refunds) {
        this.callers = callers;
        this.refunds = refunds;
    }

    @Get
    public V1RefundList list(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        String intent = request.getParameters().get("payment_intent");
        if (intent != null && intent.isEmpty()) {
            intent = null;
        }
        if (intent != null && !Ids.looksLike(Ids.INTENT, intent)) {
            throw ApiException.invalid("payment_intent", "payment_intent must be a payment intent id (pi_…).");
        }
        var page = refunds.page(caller.merchantId(), caller.mode(), query.limit(), query.startingAfter(),
                query.endingBefore(), intent);
        return V1RefundList.of(page.items().stream().map(V1Refund::of).toList(), page.hasMore());
    }
}
