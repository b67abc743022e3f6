package io.cauri.fees;

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
class PaymentFeesHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(Map.of());
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 3; i++) {
            PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
            String token = Fixtures.token(function, intent);
            targets.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of(), List.of(
                    Map.of("country", "CI", "provider", "orange", "paymentMethod", "mobile_money"),
                    Map.of("country", "SN", "provider", "wave", "paymentMethod", "mobile_money", "token", token),
                    Map.of("country", "CI", "provider", "mtn", "paymentMethod", "mobile_money"))));
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
    Arbitrary<Request> fees() {
        return HostileRequests.requests(new Route("GET", "/payment-intents/{id}/payment-fees", List.of("country", "provider", "paymentMethod", "token"), targets));
    }

    @Property
    void fees(@ForAll("fees") Request request) {
        run.check(function, "GET /payment-intents/{id}/payment-fees", request);
    }
}
