package io.cauri.cancelintent;

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
class CancelIntentHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "2h", "cauri.payments.provider-window", "2h"));
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 5; i++) {
            PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
            targets.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of("{}",
                    "{\"cancellation_reason\":\"requested_by_customer\"}"), List.of()));
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
    Arbitrary<Request> cancel() {
        return HostileRequests.requests(new Route("POST", "/api/v1/payment-intents/{id}/cancel", List.of(), targets));
    }

    @Property
    void cancel(@ForAll("cancel") Request request) {
        run.check(function, "POST /api/v1/payment-intents/{id}/cancel", request);
    }
}
