package io.cauri.createintent;

import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Tally;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.LocalFunction;
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
class CreateIntentHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    Tally tally;

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
    }

    @AfterContainer
    static void stop() {
        function.close();
    }

    @Provide
    Arbitrary<Request> hub2Create() {
        return HostileRequests.requests(new Route("POST", "/payment-intents", List.of(), List.of(Target.of(null,
                HostileRequests.serverCredentials(merchant),
                List.of("{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}",
                        "{\"customerReference\":\"c 2\",\"purchaseReference\":\"o.2\",\"amount\":5,\"currency\":\"GNF\",\"overrideBusinessName\":\"Shop\"}"),
                List.of()))));
    }

    @Provide
    Arbitrary<Request> v1Create() {
        return HostileRequests.requests(new Route("POST", "/api/v1/payment-intents", List.of(), List.of(Target.of(null,
                HostileRequests.serverCredentials(merchant),
                List.of("{\"amount\":1000,\"currency\":\"XOF\",\"transaction_country\":\"CI\"}",
                        "{\"amount\":1000,\"currency\":\"XOF\",\"transaction_country\":\"CI\",\"description\":\"d\","
                                + "\"metadata\":{\"k\":\"v\"},\"customer_email\":\"a@b.example\",\"customer_phone\":\"+2250700000000\"}"),
                List.of()))));
    }

    @Property
    void hub2Create(@ForAll("hub2Create") Request request) {
        check("POST /payment-intents", request);
    }

    @Property
    void v1Create(@ForAll("v1Create") Request request) {
        check("POST /api/v1/payment-intents", request);
    }

    private void check(String route, Request request) {
        if (tally == null) {
            tally = new Tally(route);
        }
        HostileRequests.check(function, tally, request);
    }

    @AfterProperty
    void report() {
        HostileRequests.report(tally);
    }
}
