package io.cauri.fees;

import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fees of a live route answer as its attempt would: refused where no live connector is enabled, the route's
 * fees where one is (the connectors' beans are in this function; none is ever called or configured here).
 */
class LiveRouteFeesTest {

    @Test
    void aLiveRouteHasFeesOnlyWhereItsConnectorIsEnabled() {
        try (LocalFunction without = new LocalFunction()) {
            Response refused = fees(without, "SN", "wave");
            assertEquals(400, refused.status(), refused.body());
            assertEquals("invalid_payment_processor", refused.json().get("code").asText());
        }
        try (LocalFunction with = new LocalFunction(Map.of("cauri.connectors.enabled", "wave"))) {
            Response answered = fees(with, "SN", "wave");
            assertEquals(200, answered.status(), answered.body());
            assertTrue(answered.json().isArray() && !answered.json().isEmpty(), answered.body());
            Response otherRoute = fees(with, "BJ", "moov"); // fedapay's route: not enabled here
            assertEquals(400, otherRoute.status(), otherRoute.body());
        }
    }

    private static Response fees(LocalFunction function, String country, String provider) {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(
                Caller.server(merchant.merchantId(), Mode.LIVE),
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1000, Currency.XOF, null));
        return function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/payment-fees")
                .auth(merchant.merchantId(), merchant.liveKey(), "live")
                .query("country", country).query("provider", provider).query("paymentMethod", "mobile_money"));
    }
}
