package io.cauri.balance;

import io.cauri.ledger.Statements;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.hub2.Hub2Balance;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /balance?currency=&date=}: the merchant's balances in the key's mode, per currency, as they were at
 * {@code date} (default now), in HUB2's shape (docs/CONTRACT.md, balance).
 */
@Controller("/balance")
public class Hub2BalanceController {

    private final CallerResolver callers;
    private final Statements statements;

    public Hub2BalanceController(CallerResolver callers, Statements statements) {
        this.callers = callers;
        this.statements = statements;
    }

    @Get
    public Hub2Balance balance(HttpRequest<?> request) {
        var caller = callers.server(request);
        var query = Hub2Balance.query(request.getParameters());
        return Hub2Balance.of(statements.balances(caller, query.currency(), query.date()));
    }
}
