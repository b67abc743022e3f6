package io.cauri.webhooks;

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
class WebhooksHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    static List<Target> intents = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction(new io.cauri.testing.LocalEvents(5).properties());
        merchant = TestMerchants.fresh();
        String hook = "{\"url\":\"https://shop.example/hooks\",\"events\":[\"payment_intent.successful\",\"payment.failed\"],"
                + "\"description\":\"orders\",\"metadata\":{\"team\":\"web\"}}";
        none.add(Target.of(null, HostileRequests.serverCredentials(merchant), List.of(hook), List.of()));
        for (int i = 0; i < 3; i++) {
            // a URL of its own each: the same URL twice is refused
            var created = function.handle(io.cauri.testing.ApiGatewayEvents.post("/webhooks", hook.replace("/hooks", "/hooks/" + i))
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
            String id = created.json().get("id").asText();
            targets.add(Target.of(id, HostileRequests.serverCredentials(merchant), List.of(), List.of()));
            PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
            intents.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of(), List.of()));
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
    Arbitrary<Request> createWebhook() {
        return HostileRequests.requests(new Route("POST", "/webhooks", List.of(), none));
    }

    @Provide
    Arbitrary<Request> listWebhooks() {
        return HostileRequests.requests(new Route("GET", "/webhooks", List.of(), none));
    }

    @Provide
    Arbitrary<Request> deleteWebhook() {
        return HostileRequests.requests(new Route("DELETE", "/webhooks/{id}", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> rotateSecret() {
        return HostileRequests.requests(new Route("POST", "/webhooks/{id}/secret/rotate", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> intentEvents() {
        return HostileRequests.requests(new Route("GET", "/payment-intents/{id}/events", List.of("limit", "starting_after"), intents));
    }

    @Provide
    Arbitrary<Request> resendEvent() {
        return HostileRequests.requests(new Route("POST", "/events/{id}/resend", List.of(), none));
    }

    @Provide
    Arbitrary<Request> eventFeed() {
        return HostileRequests.requests(new Route("GET", "/events", List.of("after", "type", "limit"), none));
    }

    @Provide
    Arbitrary<Request> v1EventFeed() {
        return HostileRequests.requests(new Route("GET", "/api/v1/events",
                List.of("starting_after", "ending_before", "type", "limit"), none));
    }

    @Property
    void eventFeed(@ForAll("eventFeed") Request request) {
        run.check(function, "GET /events", request);
    }

    @Property
    void v1EventFeed(@ForAll("v1EventFeed") Request request) {
        run.check(function, "GET /api/v1/events", request);
    }

    @Property
    void createWebhook(@ForAll("createWebhook") Request request) {
        run.check(function, "POST /webhooks", request);
    }

    @Property
    void listWebhooks(@ForAll("listWebhooks") Request request) {
        run.check(function, "GET /webhooks", request);
    }

    @Property
    void deleteWebhook(@ForAll("deleteWebhook") Request request) {
        run.check(function, "DELETE /webhooks/{id}", request);
    }

    @Property
    void rotateSecret(@ForAll("rotateSecret") Request request) {
        run.check(function, "POST /webhooks/{id}/secret/rotate", request);
    }

    @Property
    void intentEvents(@ForAll("intentEvents") Request request) {
        run.check(function, "GET /payment-intents/{id}/events", request);
    }

    @Property
    void resendEvent(@ForAll("resendEvent") Request request) {
        run.check(function, "POST /events/{id}/resend", request);
    }
}
