package io.cauri.createrefund;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.id.Ids;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WriteCounter;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /refunds and POST /api/v1/refunds through the real Lambda handler, against DynamoDB Local. */
class CreateRefundFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(TestMerchants.Credentials who, String body, String key) {
        ApiGatewayEvents event = ApiGatewayEvents.post("/refunds", body)
                .auth(who.merchantId(), who.key(Mode.SANDBOX), "sandbox");
        if (key != null) {
            event.header(IdempotentRequests.HEADER, key);
        }
        return function.handle(event);
    }

    static Response v1(TestMerchants.Credentials who, String body) {
        return function.handle(ApiGatewayEvents.post("/api/v1/refunds", body)
                .header("Authorization", "Bearer " + who.key(Mode.SANDBOX)));
    }

    @Test
    void aPartialHub2RefundThenTheRestInV1() {
        PaymentIntent paid = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        String paymentId = paid.payments().get(0).id();
        long before = MoneyOutFixtures.available(function, merchant, Mode.SANDBOX);

        Response partial = hub2(merchant, "{\"paymentIntentId\":\"" + paid.id() + "\",\"amount\":400,"
                + "\"reason\":\"requested_by_customer\"}", null);
        assertEquals(201, partial.status(), partial.body());
        JsonNode r = partial.json();
        assertTrue(Ids.looksLike(Ids.REFUND, r.get("id").asText()), r.toString());
        assertEquals(merchant.merchantId(), r.get("merchantId").asText());
        assertEquals(paid.id(), r.get("paymentIntentId").asText());
        assertEquals(paymentId, r.get("paymentId").asText());
        assertEquals(400, r.get("amount").asLong());
        assertEquals("XOF", r.get("currency").asText());
        assertEquals("requested_by_customer", r.get("reason").asText());
        assertEquals("succeeded", r.get("status").asText(), "the sandbox refunds a payment of 00000001 at once");
        assertEquals("sandbox", r.get("mode").asText());
        assertEquals(before - 400, MoneyOutFixtures.available(function, merchant, Mode.SANDBOX));

        Response rest = v1(merchant, "{\"payment_intent\":\"" + paid.id() + "\",\"metadata\":{\"ticket\":\"T-9\"}}");
        assertEquals(201, rest.status(), rest.body());
        JsonNode v = rest.json();
        assertEquals("refund", v.get("object").asText());
        assertEquals(600, v.get("amount").asLong(), "no amount: what remains");
        assertEquals(paid.id(), v.get("payment_intent").asText());
        assertEquals(paymentId, v.get("payment").asText());
        assertEquals("T-9", v.get("metadata").get("ticket").asText());
        assertFalse(v.get("livemode").asBoolean());
        assertTrue(v.get("reason").isNull());

        WriteCounter.reset();
        Response more = hub2(merchant, "{\"paymentIntentId\":\"" + paid.id() + "\",\"amount\":1}", null);
        assertEquals(400, more.status(), more.body());
        assertEquals("balance_insufficient", more.json().get("code").asText());
        assertEquals("amount", more.json().get("param").asText());
        assertEquals(List.of(), WriteCounter.writes());
    }

    @Test
    void theSameIdempotencyKeyRefundsOnce() {
        PaymentIntent paid = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        String body = "{\"paymentIntentId\":\"" + paid.id() + "\",\"amount\":300}";
        Response first = hub2(merchant, body, "refund-key-" + paid.id());
        Response again = hub2(merchant, body, "refund-key-" + paid.id());
        assertEquals(201, first.status(), first.body());
        assertEquals(first.json().get("id"), again.json().get("id"));
        assertEquals("true", again.header(IdempotentRequests.REPLAYED_HEADER));
        Response rest = hub2(merchant, "{\"paymentIntentId\":\"" + paid.id() + "\"}", null);
        assertEquals(700, rest.json().get("amount").asLong(), rest.body());
    }

    @Test
    void anotherMerchantsPaymentIs404AndAnUnpaidOneIs409() {
        PaymentIntent theirs = MoneyOutFixtures.paid(function, other, Mode.SANDBOX, 1000);
        Response r = hub2(merchant, "{\"paymentIntentId\":\"" + theirs.id() + "\"}", null);
        assertEquals(404, r.status(), r.body());
        assertEquals("not_found", r.json().get("code").asText());
        assertEquals("paymentIntentId", r.json().get("param").asText(), "the field as this family names it");
        Response v = v1(merchant, "{\"payment_intent\":\"" + theirs.id() + "\"}");
        assertEquals(404, v.status(), v.body());
        assertEquals("payment_intent", v.json().get("param").asText());

        PaymentIntent unpaid = Fixtures.intent(function, merchant, Mode.SANDBOX);
        Response notPaid = hub2(merchant, "{\"paymentIntentId\":\"" + unpaid.id() + "\"}", null);
        assertEquals(409, notPaid.status(), notPaid.body());
        assertEquals("invalid_state", notPaid.json().get("code").asText());
        assertEquals("paymentIntentId", notPaid.json().get("param").asText());
    }

    @Test
    void badFieldsAre400NamingThem() {
        PaymentIntent paid = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        String[][] cases = {
                {"{\"amount\":100}", "paymentIntentId", "missing_parameter"},
                {"{\"paymentIntentId\":\"order-1\"}", "paymentIntentId", "invalid_parameter"},
                {"{\"paymentIntentId\":\"" + paid.id() + "\",\"amount\":-5}", "amount", "invalid_parameter"},
                {"{\"paymentIntentId\":\"" + paid.id() + "\",\"amount\":\"5\"}", "amount", "invalid_parameter"},
                {"{\"paymentIntentId\":\"" + paid.id() + "\",\"reason\":\"because\"}", "reason", "invalid_parameter"},
                {"{\"paymentIntentId\":\"" + paid.id() + "\",\"paymentId\":\"x\"}", "paymentId", "invalid_parameter"}};
        for (String[] c : cases) {
            WriteCounter.reset();
            Response r = hub2(merchant, c[0], null);
            assertEquals(400, r.status(), c[0] + " → " + r.body());
            assertEquals(c[2], r.json().get("code").asText(), c[0]);
            assertEquals(c[1], r.json().get("param").asText(), c[0]);
            assertEquals(List.of(), WriteCounter.writes(), c[0]);
        }
        Response v = v1(merchant, "{\"payment_intent\":\"" + paid.id() + "\",\"metadata\":{\"internal.x\":\"1\"}}");
        assertEquals(400, v.status(), v.body());
        assertEquals("metadata.internal.x", v.json().get("param").asText());
    }

    @Test
    void withoutCredentialsIs401() {
        Response r = function.handle(ApiGatewayEvents.post("/refunds", "{}"));
        assertEquals(401, r.status(), r.body());
    }
}
