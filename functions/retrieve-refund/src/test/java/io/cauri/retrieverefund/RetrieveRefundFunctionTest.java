package io.cauri.retrieverefund;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.refund.NewRefund;
import io.cauri.refund.Refund;
import io.cauri.refund.Refunds;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.time.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /refunds/{id} and GET /api/v1/refunds/{id} through the real Lambda handler, against DynamoDB Local. */
class RetrieveRefundFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;
    static Refund refund;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
        PaymentIntent paid = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        refund = function.context().getBean(Refunds.class).create(merchant.merchantId(), Mode.SANDBOX,
                new NewRefund(paid.id(), null, 250L, "duplicate", Map.of("k", "v")));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(String path, TestMerchants.Credentials who, Mode mode) {
        return function.handle(ApiGatewayEvents.get(path).auth(who.merchantId(), who.key(mode), mode.wire()));
    }

    static Response v1(String path, TestMerchants.Credentials who, Mode mode) {
        return function.handle(ApiGatewayEvents.get(path).header("Authorization", "Bearer " + who.key(mode)));
    }

    @Test
    void ownerReadsItsRefundInBothFamilies() {
        Response hub2 = hub2("/refunds/" + refund.id(), merchant, Mode.SANDBOX);
        assertEquals(200, hub2.status(), hub2.body());
        JsonNode r = hub2.json();
        assertEquals(refund.id(), r.get("id").asText());
        assertEquals(refund.intentId(), r.get("paymentIntentId").asText());
        assertEquals(250, r.get("amount").asLong());
        assertEquals("duplicate", r.get("reason").asText());
        assertEquals(refund.status().wire(), r.get("status").asText());
        assertEquals(Timestamps.format(refund.createdAt()), r.get("createdAt").asText());

        Response v1 = v1("/api/v1/refunds/" + refund.id(), merchant, Mode.SANDBOX);
        assertEquals(200, v1.status(), v1.body());
        assertEquals("refund", v1.json().get("object").asText());
        assertEquals("v", v1.json().get("metadata").get("k").asText());
        assertEquals(refund.paymentId(), v1.json().get("payment").asText());
    }

    @Test
    void anotherMerchantsOrModesOrUnknownRefundIs404() {
        for (Response r : new Response[]{
                hub2("/refunds/" + refund.id(), other, Mode.SANDBOX),
                hub2("/refunds/" + refund.id(), merchant, Mode.LIVE),
                v1("/api/v1/refunds/" + refund.id(), other, Mode.SANDBOX),
                v1("/api/v1/refunds/" + refund.id(), merchant, Mode.LIVE),
                hub2("/refunds/re_doesnotexist0000000000", merchant, Mode.SANDBOX)}) {
            assertEquals(404, r.status(), r.body());
            assertEquals("not_found", r.json().get("code").asText());
        }
    }
}
