package io.cauri.updateintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentIntentService;
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
        return function.context().getBean(PaymentIntentService.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new PaymentIntentService.NewIntent(null, null, 5000, Currency.XOF, null),
                new IntentDetails("Order #1", Map.of("order_id", "o1", "cart", "c1"), null, "CI", null, null),
                PaymentIntentService.CustomerSpec.NONE);
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
    void afterAFinalStatusUpdatesAre409() {
        PaymentIntent intent = open();
        function.context().getBean(PaymentIntentService.class).cancel(Caller.server(merchant.merchantId(), Mode.SANDBOX), intent.id());
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
