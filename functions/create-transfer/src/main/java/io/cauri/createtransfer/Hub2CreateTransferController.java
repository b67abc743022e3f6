package io.cauri.createtransfer;

import io.cauri.merchant.Caller;
import io.cauri.transfer.Transfers;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.idempotency.IdempotentRequests;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2Transfer;
import io.cauri.wire.hub2.Hub2TransferRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;

/**
 * {@code POST /transfers}: a merchant's server pays out to a mobile money wallet from its available balance.
 * Authenticated first (401 before anything), then {@code Idempotency-Key} (a retried request never pays twice),
 * then the body. 201 with the transfer as it stands after the provider's first answer.
 */
@Controller("/transfers")
public class Hub2CreateTransferController {

    private final CallerResolver callers;
    private final IdempotentRequests idempotent;
    private final Transfers transfers;
    private final JsonMapper json;

    public Hub2CreateTransferController(CallerResolver callers, IdempotentRequests idempotent, Transfers transfers,
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
            var input = Hub2TransferRequest.parse(JsonBody.parse(json, request.getBody(String.class).orElse(null)));
            return HttpResponse.created(Hub2Transfer.of(transfers.create(caller.merchantId(), caller.mode(),
                    input.toNewTransfer())));
        });
    }
}
