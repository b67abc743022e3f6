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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/payment-intents cursor paging through the real handler, over 25 intents in DynamoDB Local. */
class V1ListIntentsFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    /** The 25 ids, newest first. Several share a creation millisecond: the cursor must still be exact. */
    static List<String> newestFirst = new ArrayList<>();

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        IntentLifecycle service = function.context().getBean(IntentLifecycle.class);
        List<PaymentIntent> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(service.create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                    new IntentLifecycle.NewIntent("o-" + i, "c", 100 + i, Currency.XOF, null)));
        }
        // Newest first as the index orders them: by creation time, then (same millisecond) by id, descending.
        created.sort((a, b) -> a.createdAt().equals(b.createdAt()) ? a.id().compareTo(b.id()) : a.createdAt().compareTo(b.createdAt()));
        created.forEach(i -> newestFirst.add(i.id()));
        Collections.reverse(newestFirst);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static JsonNode list(String query) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/api/v1/payment-intents")
                .header("Authorization", "Bearer " + merchant.sandboxKey());
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=");
                request.query(kv[0], kv[1]);
            }
        }
        Response response = function.handle(request);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void theFirstPageIsTheNewestTen() {
        JsonNode page = list("");
        assertEquals("list", page.get("object").asText());
        assertEquals("/api/v1/payment-intents", page.get("url").asText());
        assertEquals(newestFirst.subList(0, 10), ids(page));
        assertTrue(page.get("has_more").asBoolean());
        assertEquals("payment_intent", page.get("data").get(0).get("object").asText());
    }

    @Test
    void startingAfterWalksToOlderIntentsWithoutGapsOrDuplicates() {
        List<String> seen = new ArrayList<>();
        JsonNode page = list("limit=7");
        seen.addAll(ids(page));
        while (page.get("has_more").asBoolean()) {
            page = list("limit=7&starting_after=" + seen.get(seen.size() - 1));
            seen.addAll(ids(page));
        }
        assertEquals(newestFirst, seen);
        assertEquals(25, new HashSet<>(seen).size());
        assertEquals(4, ids(page).size());
    }

    @Test
    void endingBeforeWalksBackToNewerIntents() {
        String oldest = newestFirst.get(24);
        List<String> seen = new ArrayList<>();
        JsonNode page = list("limit=6&ending_before=" + oldest);
        assertEquals(newestFirst.subList(18, 24), ids(page));
        seen.addAll(0, ids(page));
        while (page.get("has_more").asBoolean()) {
            page = list("limit=6&ending_before=" + seen.get(0));
            seen.addAll(0, ids(page));
        }
        assertEquals(newestFirst.subList(0, 24), seen);
    }

    @Test
    void hasMoreIsExact() {
        assertFalse(list("limit=25").get("has_more").asBoolean());
        assertTrue(list("limit=24").get("has_more").asBoolean());
        assertFalse(list("limit=1&starting_after=" + newestFirst.get(23)).get("has_more").asBoolean());
        assertFalse(list("limit=3&ending_before=" + newestFirst.get(3)).get("has_more").asBoolean());
        assertEquals(List.of(), ids(list("starting_after=" + newestFirst.get(24))));
    }

    @Test
    void badQueriesAre400() {
        for (String query : List.of("limit=0", "limit=101", "limit=x")) {
            Response r = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents").query(query.split("=")[0], query.split("=")[1])
                    .header("Authorization", "Bearer " + merchant.sandboxKey()));
            assertEquals(400, r.status(), query);
            assertEquals("limit", r.json().get("param").asText());
        }
        Response both = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents")
                .query("starting_after", newestFirst.get(1)).query("ending_before", newestFirst.get(3))
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
        assertEquals(400, both.status());
        Response foreign = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents")
                .query("starting_after", "pi_000000000000000000000").header("Authorization", "Bearer " + merchant.sandboxKey()));
        assertEquals(400, foreign.status());
        assertEquals("starting_after", foreign.json().get("param").asText());
    }

    @Test
    void anotherMerchantSeesNone() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response response = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents")
                .header("Authorization", "Bearer " + other.sandboxKey()));
        assertEquals(0, response.json().get("data").size());
        assertFalse(response.json().get("has_more").asBoolean());
    }
}
