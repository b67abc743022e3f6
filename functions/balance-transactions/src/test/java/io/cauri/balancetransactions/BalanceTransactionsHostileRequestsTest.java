package io.cauri.balancetransactions;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.Ledger;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.HostileRun;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class BalanceTransactionsHostileRequestsTest {
    static LocalFunction function;
    static List<Target> none = new ArrayList<>();
    static List<Target> byId = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of());
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        LedgerTransaction payment = LedgerTransaction.of(merchant.merchantId(), Mode.SANDBOX, Currency.XOF,
                Kind.PAYMENT, Ids.next(Ids.PAYMENT), 1_000, 0,
                List.of(new Entry(Account.EXTERNAL, -1_000), new Entry(Account.AVAILABLE, 1_000)), Instant.now());
        function.context().getBean(Ledger.class).post(payment);
        List<Map<String, String>> bearer = List.of(HostileRequests.bearer(merchant, Mode.SANDBOX),
                HostileRequests.bearer(merchant, Mode.LIVE));
        none.add(Target.of(null, bearer, List.of(), List.of(Map.of("limit", "3"),
                Map.of("starting_after", payment.id()), Map.of("ending_before", payment.id()),
                Map.of("from", "2026-11-01T00:00:00Z", "to", "2026-12-01T00:00:00Z"))));
        byId.add(Target.of(payment.id(), bearer, List.of(), List.of()));
    }

    @AfterContainer
    static void stop() {
        function.close();
    }

    @AfterProperty
    void report() {
        run.report();
    }

    @Provide
    Arbitrary<Request> list() {
        return HostileRequests.requests(new Route("GET", "/api/v1/balance_transactions",
                List.of("limit", "starting_after", "ending_before"), none));
    }

    @Provide
    Arbitrary<Request> retrieve() {
        return HostileRequests.requests(new Route("GET", "/api/v1/balance_transactions/{id}", List.of(), byId));
    }

    @Provide
    Arbitrary<Request> export() {
        return HostileRequests.requests(new Route("GET", "/api/v1/balance_transactions/export", List.of("from", "to"),
                none));
    }

    @Property
    void list(@ForAll("list") Request request) {
        run.check(function, "GET /api/v1/balance_transactions", request);
    }

    @Property
    void retrieve(@ForAll("retrieve") Request request) {
        run.check(function, "GET /api/v1/balance_transactions/{id}", request);
    }

    @Property
    void export(@ForAll("export") Request request) {
        run.check(function, "GET /api/v1/balance_transactions/export", request);
    }
}
