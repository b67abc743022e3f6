package io.cauri.authenticatepayment;

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
class AuthenticatePaymentHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        // every wait longer than a slow run: the fixtures' debit claims (5 min by default) expiring mid-run would
        // change the item counts that show a refused request wrote nothing
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "2h", "cauri.payments.provider-window", "2h", "cauri.payments.duplicate-debit-window", "1h", "cauri.sandbox.otp-window", "10m"));
        merchant = TestMerchants.fresh();
        for (int i = 0; i < 10; i++) {
            PaymentIntent intent = Fixtures.attempt(function, merchant, Mode.SANDBOX,
                    Fixtures.intent(function, merchant, Mode.SANDBOX), "CI", "orange", "00000001");
            String token = Fixtures.token(function, intent);
            targets.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of(
                    "{\"token\":\"" + token + "\",\"confirmationCode\":\"0000\"}",
                    "{\"token\":\"" + token + "\",\"confirmationCode\":\"1234\"}"), List.of()));
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
    Arbitrary<Request> authenticate() {
        return HostileRequests.requests(new Route("POST", "/payment-intents/{id}/authentication", List.of(), targets));
    }

    @Property
    void authenticate(@ForAll("authenticate") Request request) {
        run.check(function, "POST /payment-intents/{id}/authentication", request);
    }
}
