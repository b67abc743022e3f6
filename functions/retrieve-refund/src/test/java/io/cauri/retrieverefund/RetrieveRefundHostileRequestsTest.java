package io.cauri.retrieverefund;

import io.cauri.refund.NewRefund;
import io.cauri.refund.Refunds;
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
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class RetrieveRefundHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> targets;
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        String intent = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000).id();
        String id = function.context().getBean(Refunds.class).create(merchant.merchantId(), Mode.SANDBOX,
                new NewRefund(intent, null, 100L, null, null)).id();
        targets = List.of(Target.of(id, HostileRequests.serverCredentials(merchant), List.of(),
                List.of()));
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
        return HostileRequests.requests(new Route("GET", "/refunds/{id}", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> v1() {
        return HostileRequests.requests(new Route("GET", "/api/v1/refunds/{id}", List.of(), targets));
    }

    @Property
    void hub2(@ForAll("hub2") Request request) {
        run.check(function, "GET /refunds/{id}", request);
    }

    @Property
    void v1(@ForAll("v1") Request request) {
        run.check(function, "GET /api/v1/refunds/{id}", request);
    }
}
