package io.cauri.listintents;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.time.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /payment-intents through the real Lambda handler, against DynamoDB Local. */
class ListIntentsFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    /** The merchant's five sandbox intents, oldest first. */
    static List<PaymentIntent> created = new ArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        IntentLifecycle service = function.context().getBean(IntentLifecycle.class);
        Caller caller = Caller.server(merchant.merchantId(), Mode.SANDBOX);
        for (int i = 0; i < 5; i++) {
            created.add(service.create(caller, new IntentLifecycle.NewIntent(
                    "order-" + i, i % 2 == 0 ? "cust-even" : "cust-odd", 1000L + i, Currency.XOF, null)));
            Thread.sleep(3); // distinct createdAt milliseconds: a deterministic order to assert
        }
        // Noise that must never show: the same merchant's live intent, another merchant's sandbox intent.
        service.create(Caller.server(merchant.merchantId(), Mode.LIVE),
                new IntentLifecycle.NewIntent("order-live", "cust-even", 1, Currency.XOF, null));
        TestMerchants.Credentials other = TestMerchants.fresh();
        service.create(Caller.server(other.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-0", "cust-even", 1, Currency.XOF, null));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    private static Response list(ApiGatewayEvents request) {
        return function.handle(request.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.json().forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static List<String> newestFirst(int... indexes) {
        List<String> ids = new ArrayList<>();
        for (int i : indexes) {
            ids.add(created.get(i).id());
        }
        return ids;
    }

    @Test
    void listsTheMerchantsIntentsInThisModeNewestFirst() {
        Response response = list(ApiGatewayEvents.get("/payment-intents"));
        assertEquals(200, response.status(), response.body());
        assertEquals(newestFirst(4, 3, 2, 1, 0), ids(response));
        assertEquals("5", response.header("X-Total-Count"));
        assertEquals("1", response.header("X-Page"));
        assertEquals("10", response.header("X-Per-Page"));
        JsonNode first = response.json().get(0);
        assertEquals("order-4", first.get("purchaseReference").asText());
        assertEquals(1004, first.get("amount").asLong());
        assertTrue(first.get("token").asText().split("\\.").length == 3);
        String link = response.header("Link");
        assertTrue(link.contains("rel=\"first\"") && link.contains("rel=\"last\""), link);
        assertFalse(link.contains("rel=\"next\""), link);
    }

    @Test
    void pagesThroughWithLinkHeaders() {
        Response page2 = list(ApiGatewayEvents.get("/payment-intents").query("perPage", "2").query("page", "2"));
        assertEquals(200, page2.status(), page2.body());
        assertEquals(newestFirst(2, 1), ids(page2));
        assertEquals("5", page2.header("X-Total-Count"));
        assertEquals("2", page2.header("X-Page"));
        assertEquals("2", page2.header("X-Per-Page"));
        String link = page2.header("Link");
        assertTrue(link.contains("page=1&perPage=2>; rel=\"prev\""), link);
        assertTrue(link.contains("page=3&perPage=2>; rel=\"next\""), link);
        assertTrue(link.contains("page=3&perPage=2>; rel=\"last\""), link);

        assertEquals(newestFirst(0), ids(list(ApiGatewayEvents.get("/payment-intents").query("perPage", "2").query("page", "3"))));
        Response beyond = list(ApiGatewayEvents.get("/payment-intents").query("perPage", "2").query("page", "9"));
        assertEquals(200, beyond.status());
        assertEquals(List.of(), ids(beyond));
        assertEquals("5", beyond.header("X-Total-Count"));
    }

    @Test
    void filtersByReferences() {
        assertEquals(newestFirst(3, 1), ids(list(ApiGatewayEvents.get("/payment-intents").query("customerReference", "cust-odd"))));
        Response one = list(ApiGatewayEvents.get("/payment-intents").query("purchaseReference", "order-2"));
        assertEquals(newestFirst(2), ids(one));
        assertEquals("1", one.header("X-Total-Count"));
        assertEquals(List.of(), ids(list(ApiGatewayEvents.get("/payment-intents")
                .query("customerReference", "cust-odd").query("purchaseReference", "order-2"))));
    }

    @Test
    void filtersByTimeRangeInclusive() {
        String from = Timestamps.format(created.get(1).createdAt());
        String to = Timestamps.format(created.get(3).createdAt());
        assertEquals(newestFirst(3, 2, 1), ids(list(ApiGatewayEvents.get("/payment-intents").query("from", from).query("to", to))));
        assertEquals(List.of(), ids(list(ApiGatewayEvents.get("/payment-intents")
                .query("from", "2020-01-01T00:00:00.000Z").query("to", "2020-02-01T00:00:00Z"))));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"perPage,0", "perPage,101", "perPage,abc", "perPage,-1", "page,0", "page,x", "page,1.5",
            "from,yesterday", "to,2026-13-01T00:00:00Z", "customerReference,a#b", "purchaseReference,a/b"})
    void badQueryIs400NamingTheParameter(String name, String value) {
        Response response = list(ApiGatewayEvents.get("/payment-intents").query(name, value));
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_parameter", response.json().get("code").asText());
        assertEquals(name, response.json().get("param").asText());
    }

    @Test
    void anOpenEndedRangeIs400NotAReadOfEveryIntent() {
        Response response = list(ApiGatewayEvents.get("/payment-intents")
                .query("from", "1970-01-01T00:00:00.000Z").query("to", "9999-12-31T23:59:59.999Z"));
        assertEquals(400, response.status(), response.body());
        assertEquals("invalid_parameter", response.json().get("code").asText());
        assertEquals("from", response.json().get("param").asText());
        // 93 days is the widest range read
        Response widest = list(ApiGatewayEvents.get("/payment-intents")
                .query("from", "2026-01-01T00:00:00.000Z").query("to", "2026-04-04T00:00:00.000Z"));
        assertEquals(200, widest.status(), widest.body());
        Response wider = list(ApiGatewayEvents.get("/payment-intents")
                .query("from", "2026-01-01T00:00:00.000Z").query("to", "2026-04-04T00:00:00.001Z"));
        assertEquals(400, wider.status(), wider.body());
        System.out.println("list range 1970..9999 -> 400 (param from); 93 days -> 200; 93 days + 1 ms -> 400");
    }

    @Test
    void fromAfterToIs400() {
        Response response = list(ApiGatewayEvents.get("/payment-intents")
                .query("from", "2026-02-01T00:00:00Z").query("to", "2026-01-01T00:00:00Z"));
        assertEquals(400, response.status());
        assertEquals("from", response.json().get("param").asText());
    }

    @Test
    void perPageOf100IsAllowed() {
        assertEquals(200, list(ApiGatewayEvents.get("/payment-intents").query("perPage", "100")).status());
    }

    @Test
    void listNeedsServerCredentials() {
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents"));
        assertEquals(401, response.status());
        assertEquals("unauthorized", response.json().get("code").asText());
        Response live = function.handle(ApiGatewayEvents.get("/payment-intents")
                .auth(merchant.merchantId(), merchant.sandboxKey(), "live"));
        assertEquals(401, live.status());
    }

    @Test
    void theLiveModeSeesOnlyItsOwnIntents() {
        Response live = function.handle(ApiGatewayEvents.get("/payment-intents")
                .auth(merchant.merchantId(), merchant.liveKey(), "live"));
        assertEquals(200, live.status());
        assertEquals(1, live.json().size());
        assertEquals("order-live", live.json().get(0).get("purchaseReference").asText());
        assertEquals("live", live.json().get(0).get("mode").asText());
    }
}
