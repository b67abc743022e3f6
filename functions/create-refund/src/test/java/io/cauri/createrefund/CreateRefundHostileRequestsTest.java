package io.cauri.createrefund;

import io.cauri.merchant.Mode;
import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.HostileRun;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class CreateRefundHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> targets;
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String intent = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1_000_000).id();
            bodies.add("{\"paymentIntentId\":\"" + intent + "\",\"amount\":1,\"reason\":\"duplicate\"}");
            bodies.add("{\"payment_intent\":\"" + intent + "\",\"amount\":1,\"metadata\":{\"k\":\"v\"}}");
        }
        targets = List.of(Target.of(null, HostileRequests.serverCredentials(merchant), bodies, List.of()));
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
    Arbitrary<Request> hub2() {
        return HostileRequests.requests(new Route("POST", "/refunds", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> v1() {
        return HostileRequests.requests(new Route("POST", "/api/v1/refunds", List.of(), targets));
    }

    @Property
    void hub2(@ForAll("hub2") Request request) {
        run.check(function, "POST /refunds", request);
    }

    @Property
    void v1(@ForAll("v1") Request request) {
        run.check(function, "POST /api/v1/refunds", request);
    }
}
