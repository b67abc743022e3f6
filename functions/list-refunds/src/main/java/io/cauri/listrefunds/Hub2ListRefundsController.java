package io.cauri.listrefunds;

import io.cauri.merchant.Caller;
import io.cauri.refund.RefundRepository;
import io.cauri.refund.RefundStatus;
import io.cauri.refund.Refunds;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2MoneyOutListRequest;
import io.cauri.wire.hub2.Hub2Refund;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /refunds}: the merchant's refunds in the requested mode, newest first, filtered by
 * {@code paymentIntentId} and {@code status}, with the intents' list range and paging headers.
 */
@Controller("/refunds")
public class Hub2ListRefundsController {

    private final CallerResolver callers;
    private final Refunds refunds;
    private final Clock clock;

    public Hub2ListRefundsController(CallerResolver callers, Refunds refunds, Clock clock) {
        this.callers = callers;
        this.refunds = refunds;
        this.clock = clock;
    }

    @Get
    public HttpResponse<List<Hub2Refund>> list(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        var query = Hub2MoneyOutListRequest.refunds(request.getParameters(), Instant.now(clock));
        var paging = query.paging();
        RefundRepository.Page page = refunds.list(new RefundRepository.Query(caller.merchantId(), caller.mode(),
                paging.from(), paging.to(), query.filter(),
                query.status() == null ? null : RefundStatus.fromWire(query.status()).orElseThrow(),
                paging.page(), paging.perPage()));
        List<Hub2Refund> body = page.items().stream().map(Hub2Refund::of).toList();
        return HttpResponse.ok(body).headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }
}
