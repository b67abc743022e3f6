package io.cauri.attemptpayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.idempotency.IdempotencyStore;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A payer holds an intent's client token and may send {@code Idempotency-Key}s; those keys are the intent's own,
 * never the merchant's: a payer cannot take (and block for 24 h) a key the merchant will use, nor another
 * intent's payer's. Through the real attempt handler on DynamoDB Local.
 */
class PayerIdempotencyKeysTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction(Map.of("cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static String body(String token) {
        return "{" + (token == null ? "" : "\"token\":\"" + token + "\",")
                + "\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}";
    }

    static Response byPayer(PaymentIntent intent, String key) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                body(Fixtures.token(function, intent))).header(IdempotentRequests.HEADER, key));
    }

    static Response byMerchant(PaymentIntent intent, String key) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments", body(null))
                .auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), Mode.SANDBOX.wire())
                .header(IdempotentRequests.HEADER, key));
    }

    @Test
    void aPayersKeyIsItsIntentsAndNeverBlocksTheMerchantsKeyOfTheSameName() {
        String key = "order_2026_0002-create-" + System.nanoTime();
        PaymentIntent payersIntent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        PaymentIntent merchantsIntent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        PaymentIntent otherPayersIntent = Fixtures.intent(function, merchant, Mode.SANDBOX);

        Response payer = byPayer(payersIntent, key);
        assertEquals(201, payer.status(), payer.body());
        IdempotencyStore store = function.context().getBean(IdempotencyStore.class);
        assertTrue(store.find(merchant.merchantId(), Mode.SANDBOX, key, Instant.now()).isEmpty(),
                "the payer's key is not in the merchant's key space");

        Response merchants = byMerchant(merchantsIntent, key);
        assertEquals(201, merchants.status(), merchants.body());
        assertNull(merchants.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(merchantsIntent.id(), merchants.json().get("id").asText());

        Response otherPayer = byPayer(otherPayersIntent, key);
        assertEquals(201, otherPayer.status(), otherPayer.body());
        assertNull(otherPayer.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(otherPayersIntent.id(), otherPayer.json().get("id").asText());

        Response replay = byPayer(payersIntent, key);
        assertEquals(201, replay.status(), replay.body());
        assertEquals("true", replay.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(payer.body(), replay.body(), "the payer's own key still replays its own answer");
    }
}
