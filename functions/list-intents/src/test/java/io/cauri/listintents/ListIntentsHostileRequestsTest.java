package io.cauri.listintents;

import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.Fixtures;
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
class ListIntentsHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of());
        merchant = TestMerchants.fresh();
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        none.add(Target.of(null, HostileRequests.serverCredentials(merchant), List.of(), List.of(Map.of("perPage", "5"),
                Map.of("page", "2", "perPage", "100"), Map.of("customerReference", "cust-1", "purchaseReference", "order-1"),
                Map.of("from", "2026-01-01T00:00:00.000Z", "to", "2026-03-01T00:00:00.000Z"),
                Map.of("limit", "3"), Map.of("starting_after", intent.id()), Map.of("ending_before", intent.id()))));
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
    Arbitrary<Request> hub2List() {
        return HostileRequests.requests(new Route("GET", "/payment-intents", List.of("customerReference", "purchaseReference", "from", "to", "page", "perPage"), none));
    }

    @Provide
    Arbitrary<Request> v1List() {
        return HostileRequests.requests(new Route("GET", "/api/v1/payment-intents", List.of("limit", "starting_after", "ending_before"), none));
    }

    @Property
    void hub2List(@ForAll("hub2List") Request request) {
        run.check(function, "GET /payment-intents", request);
    }

    @Property
    void v1List(@ForAll("v1List") Request request) {
        run.check(function, "GET /api/v1/payment-intents", request);
    }
}
