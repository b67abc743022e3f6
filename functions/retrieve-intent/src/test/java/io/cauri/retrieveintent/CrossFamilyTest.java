package io.cauri.retrieveintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One intent, read through both route families at each status: the same state, each family's names. */
class CrossFamilyTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static Caller server;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
        server = Caller.server(merchant.merchantId(), Mode.SANDBOX);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static JsonNode hub2(PaymentIntent intent) {
        var response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id())
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    static JsonNode v1(PaymentIntent intent) {
        var response = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents/" + intent.id())
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    static void assertSame(PaymentIntent intent, String hub2Status, String v1Status) {
        JsonNode h = hub2(intent);
        JsonNode v = v1(intent);
        assertEquals(hub2Status, h.get("status").asText());
        assertEquals(v1Status, v.get("status").asText());
        assertEquals(h.get("id").asText(), v.get("id").asText());
        assertEquals(h.get("amount").asLong(), v.get("amount").asLong());
        assertEquals(h.get("currency").asText(), v.get("currency").asText());
        assertEquals(java.time.Instant.parse(h.get("createdAt").asText()).getEpochSecond(), v.get("created").asLong());
        assertEquals(h.has("lastPaymentFailure"), !v.get("last_payment_error").isNull());
        assertEquals(h.has("nextAction"), !v.get("next_action").isNull());
    }

    @Test
    void aHub2IntentReadsTheSameThroughV1AtEachStatus() {
        var intents = function.context().getBean(IntentLifecycle.class);
        var payments = function.context().getBean(PaymentAttempts.class);
        PaymentIntent intent = intents.create(server, new IntentLifecycle.NewIntent("o", "c", 1000, Currency.XOF, null));
        assertSame(intent, "payment_required", "requires_payment_method");

        PaymentIntent failed = payments.attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "mtn", "09999999", null, null, null), false);
        assertSame(failed, "payment_required", "requires_payment_method");
        assertEquals("invalid_sandbox_msisdn", v1(failed).get("last_payment_error").get("code").asText());

        PaymentIntent waiting = payments.attempt(server, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "orange", "00000001", null, null, null), false);
        assertSame(waiting, "action_required", "requires_action");
        assertEquals("otp", v1(waiting).get("next_action").get("type").asText());

        PaymentIntent paid = payments.authenticate(server, intent.id(), "1234");
        assertSame(paid, "successful", "succeeded");

        PaymentIntent other = intents.create(server, new IntentLifecycle.NewIntent("o2", "c", 1000, Currency.XOF, null));
        assertSame(intents.cancel(server, other.id()), "canceled", "canceled");
    }

    @Test
    void aV1IntentReadsThroughHub2() {
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent(null, null, 2500, Currency.XOF, null),
                new IntentDetails("Order #9", Map.of("order_id", "9"), null, "CI", null, null),
                IntentLifecycle.CustomerSpec.NONE);
        assertSame(intent, "payment_required", "requires_payment_method");
        JsonNode h = hub2(intent);
        assertEquals("sandbox", h.get("mode").asText());
        assertEquals(0, h.get("payments").size());
        JsonNode v = v1(intent);
        assertEquals("Order #9", v.get("description").asText());
        assertEquals("CI", v.get("transaction_country").asText());
    }
}
