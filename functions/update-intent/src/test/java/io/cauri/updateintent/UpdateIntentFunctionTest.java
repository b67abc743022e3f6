package io.cauri.updateintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
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

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** PATCH /api/v1/payment-intents/{id} through the real handler, against DynamoDB Local. */
class UpdateIntentFunctionTest {

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open() {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent(null, null, 5000, Currency.XOF, null),
                new IntentDetails("Order #1", Map.of("order_id", "o1", "cart", "c1"), null, "CI", null, null),
                IntentLifecycle.CustomerSpec.NONE);
    }

    static Response patch(PaymentIntent intent, String body) {
        return function.handle(ApiGatewayEvents.request("PATCH", "/api/v1/payment-intents/" + intent.id())
                .header("Content-Type", "application/json").body(body)
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
    }

    @Test
    void descriptionIsReplacedAndMetadataMerged() {
        PaymentIntent intent = open();
        Response response = patch(intent, "{\"description\":\"Order #1 (gift)\",\"metadata\":{\"cart\":\"\",\"source\":\"app\",\"order_id\":\"o2\"}}");
        assertEquals(200, response.status(), response.body());
        JsonNode pi = response.json();
        assertEquals("Order #1 (gift)", pi.get("description").asText());
        assertEquals("o2", pi.get("metadata").get("order_id").asText());
        assertEquals("app", pi.get("metadata").get("source").asText());
        assertFalse(pi.get("metadata").has("cart"));
        assertEquals(2, pi.get("metadata").size());
        Response again = patch(intent, "{\"metadata\":{\"source\":\"web\"}}");
        assertEquals("Order #1 (gift)", again.json().get("description").asText());
        assertEquals("web", again.json().get("metadata").get("source").asText());
    }

    @Test
    void reservedKeysAndBadValuesAre400AndChangeNothing() {
        PaymentIntent intent = open();
        for (String body : new String[]{"{\"metadata\":{\"internal.x\":\"1\"}}", "{\"metadata\":{\"FailureReason\":\"x\"}}",
                "{\"metadata\":{\"n\":1}}", "{\"description\":5}"}) {
            Response response = patch(intent, body);
            assertEquals(400, response.status(), body + " → " + response.body());
        }
        PaymentIntent stored = function.context().getBean(io.cauri.intent.IntentRepository.class).find(intent.id()).orElseThrow();
        assertEquals(intent.version(), stored.version());
    }

    @Test
    void theMetadataLimitHoldsForTheMergedMapNotPerRequest() {
        PaymentIntent intent = open(); // 2 keys
        io.cauri.intent.IntentRepository intents = function.context().getBean(io.cauri.intent.IntentRepository.class);
        int refusedAt = -1;
        for (int patch = 1; patch <= 16; patch++) {
            StringBuilder body = new StringBuilder("{\"metadata\":{");
            for (int k = 0; k < 50; k++) {
                body.append(k == 0 ? "" : ",").append("\"p").append(patch).append("_").append(k).append("\":\"")
                        .append("v".repeat(500)).append("\"");
            }
            PaymentIntent before = intents.find(intent.id()).orElseThrow();
            Response response = patch(intent, body.append("}}").toString());
            if (response.status() == 200) {
                continue;
            }
            assertEquals(400, response.status(), "patch " + patch + ": " + response.body());
            assertEquals("invalid_parameter", response.json().get("code").asText());
            assertEquals("metadata", response.json().get("param").asText());
            assertEquals(before, intents.find(intent.id()).orElseThrow(), "patch " + patch + ": item unchanged");
            refusedAt = refusedAt < 0 ? patch : refusedAt;
        }
        assertEquals(1, refusedAt, "2 stored keys + 50 new ones passes the limit at once");
        // removing keys makes room; what is stored never passes 50
        assertEquals(200, patch(intent, "{\"metadata\":{\"order_id\":\"\",\"cart\":\"\"}}").status());
        StringBuilder fifty = new StringBuilder("{\"metadata\":{");
        for (int k = 0; k < 50; k++) {
            fifty.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":\"v\"");
        }
        Response full = patch(intent, fifty.append("}}").toString());
        assertEquals(200, full.status(), full.body());
        assertEquals(50, full.json().get("metadata").size());
        Response oneMore = patch(intent, "{\"metadata\":{\"k50\":\"v\"}}");
        assertEquals(400, oneMore.status(), oneMore.body());
        assertEquals(50, intents.find(intent.id()).orElseThrow().details().metadata().size());
        System.out.println("metadata: 16 PATCHes of 50 new keys -> each 400 invalid_parameter (param metadata), item "
                + "unchanged; 50 keys stored, the 51st -> 400");
    }

    @Test
    void afterAFinalStatusUpdatesAre409() {
        PaymentIntent intent = open();
        function.context().getBean(IntentLifecycle.class).cancel(Caller.server(merchant.merchantId(), Mode.SANDBOX), intent.id());
        Response response = patch(intent, "{\"description\":\"late\"}");
        assertEquals(409, response.status(), response.body());
        assertEquals("invalid_state", response.json().get("code").asText());
    }

    @Test
    void unknownOrForeignIntentsAre404() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        PaymentIntent intent = open();
        Response foreign = function.handle(ApiGatewayEvents.request("PATCH", "/api/v1/payment-intents/" + intent.id())
                .header("Content-Type", "application/json").body("{\"description\":\"x\"}")
                .header("Authorization", "Bearer " + other.sandboxKey()));
        assertEquals(404, foreign.status());
        Response otherMode = function.handle(ApiGatewayEvents.request("PATCH", "/api/v1/payment-intents/" + intent.id())
                .header("Content-Type", "application/json").body("{\"description\":\"x\"}")
                .header("Authorization", "Bearer " + merchant.liveKey()));
        assertEquals(404, otherMode.status());
    }
}
