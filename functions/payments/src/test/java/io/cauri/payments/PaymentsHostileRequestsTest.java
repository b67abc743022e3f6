package io.cauri.payments;

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
class PaymentsHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        // every wait longer than a slow run: the fixtures' debit claims (5 min by default) expiring mid-run would
        // change the item counts that show a refused request wrote nothing
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "2h", "cauri.payments.provider-window", "2h", "cauri.payments.duplicate-debit-window", "1h"));
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 3; i++) {
            PaymentIntent intent = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "CI", "mtn", "00000001");
            targets.add(Target.of(intent.payments().get(0).id(), HostileRequests.serverCredentials(merchant), List.of(), List.of()));
            none.add(Target.of(null, HostileRequests.serverCredentials(merchant), List.of(), List.of(Map.of("intentId", intent.id()),
                    Map.of("status", "action_required"), Map.of("page", "1", "perPage", "10"),
                    Map.of("from", "2026-01-01T00:00:00.000Z", "to", "2026-03-01T00:00:00.000Z"))));
        }
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
        return HostileRequests.requests(new Route("GET", "/payments", List.of("from", "to", "page", "perPage", "intentId", "status"), none));
    }

    @Provide
    Arbitrary<Request> status() {
        return HostileRequests.requests(new Route("GET", "/payments/{id}/status", List.of(), targets));
    }

    @Property
    void list(@ForAll("list") Request request) {
        run.check(function, "GET /payments", request);
    }

    @Property
    void status(@ForAll("status") Request request) {
        run.check(function, "GET /payments/{id}/status", request);
    }
}
