package io.cauri.balance;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class BalanceHostileRequestsTest {
    static LocalFunction function;
    static List<Target> none = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of());
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        none.add(Target.of(null, HostileRequests.serverCredentials(merchant), List.of(), List.of(
                Map.of("currency", "XOF"), Map.of("date", "2026-11-01T00:00:00.000Z"),
                Map.of("currency", "XAF", "date", "2026-11-01T00:00:00+01:00"))));
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
    Arbitrary<Request> hub2Balance() {
        return HostileRequests.requests(new Route("GET", "/balance", List.of("currency", "date"), none));
    }

    @Provide
    Arbitrary<Request> v1Balance() {
        return HostileRequests.requests(new Route("GET", "/api/v1/balance", List.of(), none));
    }

    @Property
    void hub2Balance(@ForAll("hub2Balance") Request request) {
        run.check(function, "GET /balance", request);
    }

    @Property
    void v1Balance(@ForAll("v1Balance") Request request) {
        run.check(function, "GET /api/v1/balance", request);
    }
}
