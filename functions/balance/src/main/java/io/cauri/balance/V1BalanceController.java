package io.cauri.balance;

import io.cauri.ledger.Statements;
import io.cauri.web.auth.CallerResolver;
import io.cauri.wire.v1.V1Balance;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /api/v1/balance}: the same books now, as Stripe's balance object (docs/CONTRACT.md, balance). */
@Controller("/api/v1/balance")
public class V1BalanceController {

    private final CallerResolver callers;
    private final Statements statements;

    public V1BalanceController(CallerResolver callers, Statements statements) {
        this.callers = callers;
        this.statements = statements;
    }

    @Get
    public V1Balance balance(HttpRequest<?> request) {
        var caller = callers.server(request);
        return V1Balance.of(statements.balances(caller, null, null), caller.mode());
    }
}
