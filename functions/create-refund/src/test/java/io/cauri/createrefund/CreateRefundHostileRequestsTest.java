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
    static List<Target> v1Targets;
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        List<String> hub2Bodies = new java.util.ArrayList<>();
        List<String> v1Bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String intent = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1_000_000).id();
            hub2Bodies.add("{\"paymentIntentId\":\"" + intent + "\",\"amount\":1,\"reason\":\"duplicate\"}");
            v1Bodies.add("{\"payment_intent\":\"" + intent + "\",\"amount\":1,\"metadata\":{\"k\":\"v\"}}");
        }
        targets = List.of(Target.of(null, HostileRequests.serverCredentials(merchant), hub2Bodies, List.of()));
        v1Targets = List.of(Target.of(null, HostileRequests.serverCredentials(merchant), v1Bodies, List.of()));
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
        return HostileRequests.requests(new Route("POST", "/api/v1/refunds", List.of(), v1Targets));
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
