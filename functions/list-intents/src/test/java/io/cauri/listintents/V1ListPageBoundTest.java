package io.cauri.listintents;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
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

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A v1 page of 100 intents whose metadata is at its limits (50 keys of 40 characters, values of 500, each
 * character 3 bytes) would be ~8 MB, past Lambda's 6 MB response limit: the page is cut to its byte budget
 * with {@code has_more}, and the next page goes on from its last intent. Real handler, DynamoDB Local.
 */
class V1ListPageBoundTest {
    static final int INTENTS = 70;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < IntentDetails.MAX_METADATA_KEYS; i++) {
            metadata.put(String.format("%02d", i) + "é".repeat(38), "€".repeat(500));
        }
        IntentLifecycle service = function.context().getBean(IntentLifecycle.class);
        for (int i = 0; i < INTENTS; i++) {
            service.create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                    new IntentLifecycle.NewIntent(null, null, 100 + i, Currency.XOF, null),
                    new IntentDetails("€".repeat(1000), metadata, null, "CI", null, null),
                    IntentLifecycle.CustomerSpec.NONE);
        }
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response list(String startingAfter) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/api/v1/payment-intents").query("limit", "100")
                .header("Authorization", "Bearer " + merchant.sandboxKey());
        if (startingAfter != null) {
            request.query("starting_after", startingAfter);
        }
        return function.handle(request);
    }

    @Test
    void aPageOfHeavyIntentsIsCutToItsByteBudgetAndPagingGoesOn() {
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        long largest = 0;
        while (true) {
            Response response = list(after);
            assertEquals(200, response.status(), response.status() + " " + response.body().length());
            long bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
            largest = Math.max(largest, bytes);
            assertTrue(bytes <= V1ListIntentsController.MAX_PAGE_BYTES + 64 * 1024, "page of " + bytes + " bytes");
            JsonNode page = response.json();
            page.get("data").forEach(i -> assertTrue(seen.add(i.get("id").asText()), "no intent twice"));
            pages++;
            if (!page.get("has_more").asBoolean()) {
                break;
            }
            assertFalse(page.get("data").isEmpty());
            after = page.get("data").get(page.get("data").size() - 1).get("id").asText();
        }
        assertEquals(INTENTS, seen.size(), "every intent listed once");
        assertTrue(pages >= 2, "the first page was cut");
        System.out.println("v1 list of " + INTENTS + " intents with metadata at its limits, limit=100: " + pages
                + " pages, largest " + largest + " bytes (budget " + V1ListIntentsController.MAX_PAGE_BYTES + ")");
    }
}
