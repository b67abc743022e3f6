package io.cauri.listrefunds;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /refunds (paging, filters) and GET /api/v1/refunds (cursor, payment_intent) through the real handler. */
class ListRefundsFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;
    static final List<Refund> made = new ArrayList<>(); // oldest first
    static PaymentIntent first;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
        Refunds refunds = function.context().getBean(Refunds.class);
        first = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        made.add(refunds.create(merchant.merchantId(), Mode.SANDBOX, new NewRefund(first.id(), null, 100L, null, null)));
        made.add(refunds.create(merchant.merchantId(), Mode.SANDBOX, new NewRefund(first.id(), null, 200L, null, null)));
        PaymentIntent second = MoneyOutFixtures.paid(function, merchant, Mode.SANDBOX, 1000);
        made.add(refunds.create(merchant.merchantId(), Mode.SANDBOX, new NewRefund(second.id(), null, 300L, null, null)));
        PaymentIntent theirs = MoneyOutFixtures.paid(function, other, Mode.SANDBOX, 1000);
        refunds.create(other.merchantId(), Mode.SANDBOX, new NewRefund(theirs.id(), null, 100L, null, null));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(ApiGatewayEvents event) {
        return function.handle(event.auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), "sandbox"));
    }

    static Response v1(ApiGatewayEvents event) {
        return function.handle(event.header("Authorization", "Bearer " + merchant.key(Mode.SANDBOX)));
    }

    @Test
    void hub2ListsNewestFirstWithPagingHeadersAndFiltersByIntent() {
        Response r = hub2(ApiGatewayEvents.get("/refunds"));
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().size());
        assertEquals(made.get(2).id(), r.json().get(0).get("id").asText());
        assertEquals("3", r.header("X-Total-Count"));

        Response ofFirst = hub2(ApiGatewayEvents.get("/refunds").query("paymentIntentId", first.id()));
        assertEquals(2, ofFirst.json().size(), ofFirst.body());
        ofFirst.json().forEach(x -> assertEquals(first.id(), x.get("paymentIntentId").asText()));
        assertTrue(ofFirst.header("Link").contains("paymentIntentId=" + first.id()));

        Response bad = hub2(ApiGatewayEvents.get("/refunds").query("status", "successful"));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("status", bad.json().get("param").asText());
    }

    @Test
    void v1PagesWithCursorsAndFiltersByIntent() {
        Response page = v1(ApiGatewayEvents.get("/api/v1/refunds").query("limit", "2"));
        assertEquals(200, page.status(), page.body());
        JsonNode body = page.json();
        assertEquals("list", body.get("object").asText());
        assertEquals("/api/v1/refunds", body.get("url").asText());
        assertTrue(body.get("has_more").asBoolean());
        String last = body.get("data").get(1).get("id").asText();
        Response next = v1(ApiGatewayEvents.get("/api/v1/refunds").query("starting_after", last));
        assertEquals(made.get(0).id(), next.json().get("data").get(0).get("id").asText());
        assertFalse(next.json().get("has_more").asBoolean());

        Response ofFirst = v1(ApiGatewayEvents.get("/api/v1/refunds").query("payment_intent", first.id()));
        assertEquals(2, ofFirst.json().get("data").size(), ofFirst.body());
        Response bad = v1(ApiGatewayEvents.get("/api/v1/refunds").query("payment_intent", "nope"));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("payment_intent", bad.json().get("param").asText());
    }

    @Test
    void anotherMerchantsRefundsAreNeverListed() {
        Response theirs = function.handle(ApiGatewayEvents.get("/api/v1/refunds")
                .header("Authorization", "Bearer " + other.key(Mode.SANDBOX)));
        assertEquals(1, theirs.json().get("data").size(), theirs.body());
        String theirId = theirs.json().get("data").get(0).get("id").asText();
        assertFalse(hub2(ApiGatewayEvents.get("/refunds")).body().contains(theirId));
        Response cursor = v1(ApiGatewayEvents.get("/api/v1/refunds").query("ending_before", theirId));
        assertEquals(404, cursor.status(), cursor.body());
    }
}
