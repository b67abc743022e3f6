package io.cauri.listtransfers;

import io.cauri.merchant.Caller;
import io.cauri.transfer.TransferRepository;
import io.cauri.transfer.TransferStatus;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2MoneyOutListRequest;
import io.cauri.wire.hub2.Hub2Transfer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /transfers}: the merchant's transfers in the requested mode, newest first, filtered by
 * {@code reference} and {@code status}, one page at a time with the same range and paging headers as the intents'
 * list ({@code X-Total-Count}, {@code X-Page}, {@code X-Per-Page}, {@code Link}).
 */
@Controller("/transfers")
public class Hub2ListTransfersController {

    private final CallerResolver callers;
    private final Transfers transfers;
    private final Clock clock;

    public Hub2ListTransfersController(CallerResolver callers, Transfers transfers, Clock clock) {
        this.callers = callers;
        this.transfers = transfers;
        this.clock = clock;
    }

    @Get
    public HttpResponse<List<Hub2Transfer>> list(HttpRequest<?> request) {
        Caller caller = callers.server(request);
        var query = Hub2MoneyOutListRequest.transfers(request.getParameters(), Instant.now(clock));
        var paging = query.paging();
        TransferRepository.Page page = transfers.list(new TransferRepository.Query(caller.merchantId(), caller.mode(),
                paging.from(), paging.to(), query.filter(),
                query.status() == null ? null : TransferStatus.fromWire(query.status()).orElseThrow(),
                paging.page(), paging.perPage()));
        List<Hub2Transfer> body = page.items().stream().map(Hub2Transfer::of).toList();
        return HttpResponse.ok(body).headers(h -> query.headers(request.getPath(), page.total()).forEach(h::add));
    }
}
