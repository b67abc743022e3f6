package io.cauri.balancetransactions;

import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.Statements;
import io.cauri.time.Timestamps;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.error.ApiException;
import io.cauri.wire.v1.V1BalanceTransaction;
import io.cauri.wire.v1.V1Requests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The merchant's statements (docs/CONTRACT.md, statements): {@code GET /api/v1/balance_transactions} (cursor pages,
 * newest first), {@code GET /api/v1/balance_transactions/{id}}, and {@code GET /api/v1/balance_transactions/export}
 * (every transaction of a period as CSV, oldest first, with the running balance of its currency).
 */
@Controller("/api/v1/balance_transactions")
public class V1BalanceTransactionsController {
    static final MediaType CSV = new MediaType("text/csv; charset=utf-8");

    private final CallerResolver callers;
    private final Statements statements;
    private final Clock clock;

    public V1BalanceTransactionsController(CallerResolver callers, Statements statements, Clock clock) {
        this.callers = callers;
        this.statements = statements;
        this.clock = clock;
    }

    @Get
    public V1BalanceTransaction.Page list(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = V1Requests.list(request.getParameters());
        var page = statements.page(caller, query.limit(), query.startingAfter(), query.endingBefore());
        Instant now = Instant.now(clock);
        List<V1BalanceTransaction> data = page.items().stream().map(t -> V1BalanceTransaction.of(t, now)).toList();
        return V1BalanceTransaction.Page.of(data, page.hasMore());
    }

    @Get("/{id}")
    public V1BalanceTransaction retrieve(HttpRequest<?> request, @PathVariable String id) {
        var caller = callers.server(request);
        return V1BalanceTransaction.of(statements.transaction(caller, id), Instant.now(clock));
    }

    /**
     * {@code ?from=&to=} (ISO 8601; {@code to} defaults to now): the CSV of [from, to). The whole file is built
     * before it is answered, so a refusal (too many rows) is a clean 400, never half a file.
     */
    @Get("/export")
    public HttpResponse<String> export(HttpRequest<?> request) {
        var caller = callers.server(request);
        String rawFrom = request.getParameters().get("from");
        if (rawFrom == null || rawFrom.isEmpty()) {
            throw ApiException.missing("from");
        }
        Instant from = instant("from", rawFrom);
        String rawTo = request.getParameters().get("to");
        Instant to = rawTo == null || rawTo.isEmpty() ? Instant.now(clock) : instant("to", rawTo);
        StringBuilder csv = new StringBuilder(
                "id,created,type,source,currency,amount,fee,net,available_on,balance\r\n");
        for (Statements.Row row : statements.export(caller, from, to)) {
            LedgerTransaction t = row.transaction();
            Instant availableOn = t.availableOn() == null ? t.createdAt() : t.availableOn();
            csv.append(field(t.id())).append(',').append(field(Timestamps.format(t.createdAt()))).append(',')
                    .append(field(t.kind().wire())).append(',').append(field(t.sourceId())).append(',')
                    .append(field(t.currency().name())).append(',')
                    .append(Math.addExact(t.net(), t.fee())).append(',').append(t.fee()).append(',')
                    .append(t.net()).append(',').append(field(Timestamps.format(availableOn))).append(',')
                    .append(row.balanceAfter()).append("\r\n");
        }
        return HttpResponse.ok(csv.toString()).contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"balance_transactions.csv\"");
    }

    private static Instant instant(String param, String value) {
        return Timestamps.parseLenient(value).orElseThrow(() -> ApiException.invalid(param,
                param + " must be an ISO 8601 date and time, e.g. 2026-10-01T00:00:00.000Z."));
    }

    /**
     * RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. Ours are ids, kinds
     * and timestamps (none today), but a field is never trusted to stay so.
     */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
