package io.cauri.retrieveintent;

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
class RetrieveIntentHostileRequestsTest {
    static LocalFunction function;
    static List<Target> byId = new ArrayList<>();
    static List<Target> byToken = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        for (int i = 0; i < 3; i++) {
            PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
            String token = Fixtures.token(function, intent);
            byId.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of(),
                    List.of(Map.of("token", token))));
            byToken.add(Target.of(token, List.of(), List.of(), List.of()));
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
    Arbitrary<Request> retrieve() {
        return HostileRequests.requests(new Route("GET", "/payment-intents/{id}", List.of("token"), byId));
    }

    @Provide
    Arbitrary<Request> status() {
        return HostileRequests.requests(new Route("GET", "/payment-intents/{id}/status", List.of("token"), byId));
    }

    @Provide
    Arbitrary<Request> v1Retrieve() {
        return HostileRequests.requests(new Route("GET", "/api/v1/payment-intents/{id}", List.of(), byId));
    }

    @Provide
    Arbitrary<Request> configuredUrls() {
        return HostileRequests.requests(new Route("GET", "/payment-intents/url/{id}", List.of(), byToken));
    }

    @Property
    void retrieve(@ForAll("retrieve") Request request) {
        run.check(function, "GET /payment-intents/{id}", request);
    }

    @Property
    void status(@ForAll("status") Request request) {
        run.check(function, "GET /payment-intents/{id}/status", request);
    }

    @Property
    void v1Retrieve(@ForAll("v1Retrieve") Request request) {
        run.check(function, "GET /api/v1/payment-intents/{id}", request);
    }

    @Property
    void configuredUrls(@ForAll("configuredUrls") Request request) {
        run.check(function, "GET /payment-intents/url/{token}", request);
    }
}
