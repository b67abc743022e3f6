package io.cauri.retrievetransfer;

import io.cauri.merchant.Caller;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2Transfer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

/** {@code GET /transfers/{id}}: one of the merchant's transfers in the requested mode; any other id is 404. */
@Controller("/transfers/{id}")
public class Hub2RetrieveTransferController {

    private final CallerResolver callers;
    private final Transfers transfers;

    public Hub2RetrieveTransferController(CallerResolver callers, Transfers transfers) {
        this.callers = callers;
        this.transfers = transfers;
    }

    @Get
    public Hub2Transfer retrieve(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = callers.server(request);
        return Hub2Transfer.of(transfers.find(caller.merchantId(), caller.mode(), id));
    }
}
