package io.cauri.createintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/payment-intents through the real handler, against DynamoDB Local. */
class V1CreateIntentFunctionTest {

    /** The create sample of docs/reference/v1-payment-intents.md, verbatim. */
    static final String PUBLISHED_SAMPLE = """
            {
            "amount": 10000,
            "currency": "XOF",
            "transaction_country": "SN",
            "description": "Order #1234",
            "metadata": {
            "order_id": "order_123",
            "checkout_session_id": "cs_123"
            },
            "customer_email": "customer@example.com"
            }""";

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

    static Response create(String body) {
        return function.handle(ApiGatewayEvents.post("/api/v1/payment-intents", body)
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
    }

    static String body(String extra) {
        return "{\"amount\":5000,\"currency\":\"XOF\",\"transaction_country\":\"CI\"" + extra + "}";
    }

    static void assertInvalid(Response response, String param) {
        assertEquals(400, response.status(), response.body());
        assertEquals(param, response.json().get("param").asText(), response.body());
        assertTrue(response.json().get("request_id").asText().startsWith("req_"));
    }

    @Test
    void publishedSampleIsAcceptedVerbatimAndAnsweredFieldByField() {
        long before = Instant.now().getEpochSecond();
        Response response = create(PUBLISHED_SAMPLE);
        assertEquals(201, response.status(), response.body());
        JsonNode pi = response.json();
        assertTrue(pi.get("id").asText().matches("pi_[A-Za-z0-9_-]{21}"));
        assertEquals("payment_intent", pi.get("object").asText());
        assertTrue(pi.get("created").isIntegralNumber());
        assertTrue(pi.get("created").asLong() >= before && pi.get("created").asLong() <= before + 5);
        assertFalse(pi.get("livemode").asBoolean());
        assertEquals(10000, pi.get("amount").asLong());
        assertEquals("XOF", pi.get("currency").asText());
        assertEquals("requires_payment_method", pi.get("status").asText());
        assertEquals("Order #1234", pi.get("description").asText());
        assertEquals("order_123", pi.get("metadata").get("order_id").asText());
        assertEquals("cs_123", pi.get("metadata").get("checkout_session_id").asText());
        assertTrue(pi.get("next_action").isNull());
        assertTrue(pi.get("customer").asText().matches("cus_[A-Za-z0-9_-]{21}"));
        assertEquals("SN", pi.get("transaction_country").asText());
        assertTrue(pi.get("payer_country").isNull());
        assertTrue(pi.get("rail_country").isNull());
        assertTrue(pi.get("last_payment_error").isNull());
    }

    @Test
    void theSameEmailOrPhoneFindsTheSameCustomer() {
        String a = create(body(",\"customer_email\":\"Awa@Example.com\"")).json().get("customer").asText();
        String b = create(body(",\"customer_email\":\"awa@example.com\"")).json().get("customer").asText();
        assertEquals(a, b);
        String c = create(body(",\"customer_phone\":\"+2250700000001\"")).json().get("customer").asText();
        assertEquals(c, create(body(",\"customer_phone\":\"+2250700000001\"")).json().get("customer").asText());
        assertNotEquals(a, c);
        assertEquals(a, create(body(",\"customer\":\"" + a + "\"")).json().get("customer").asText());
        // Another merchant's customer is unknown here.
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response foreign = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents", body(",\"customer\":\"" + a + "\""))
                .header("Authorization", "Bearer " + other.sandboxKey()));
        assertInvalid(foreign, "customer");
    }

    @Test
    void aLiveKeyCreatesALiveIntent() {
        Response response = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents", body(""))
                .header("Authorization", "Bearer " + merchant.liveKey()));
        assertEquals(201, response.status(), response.body());
        assertTrue(response.json().get("livemode").asBoolean());
    }

    @Test
    void hub2HeadersWorkToo() {
        Response response = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents", body(""))
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertEquals(201, response.status(), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer sk_sandbox_nope", "Bearer ", "Basic abc", "sk_only"})
    void badBearerIs401(String authorization) {
        int before = DynamoDbLocal.shared().intentCount();
        Response response = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents", body(""))
                .header("Authorization", authorization));
        assertEquals(401, response.status(), response.body());
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Description", "FailureReason", "Environment", "country_context.x", "internal.flag", "technical.trace"})
    void reservedMetadataKeysAreRefused(String key) {
        int before = DynamoDbLocal.shared().intentCount();
        assertInvalid(create(body(",\"metadata\":{\"" + key + "\":\"v\"}")), "metadata." + key);
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    @Test
    void metadataRules() {
        assertInvalid(create(body(",\"metadata\":{\"n\":1}")), "metadata.n");
        assertInvalid(create(body(",\"metadata\":{\"b\":true}")), "metadata.b");
        assertInvalid(create(body(",\"metadata\":{\"o\":{\"x\":\"y\"}}")), "metadata.o");
        assertInvalid(create(body(",\"metadata\":[\"a\"]")), "metadata");
        assertInvalid(create(body(",\"metadata\":{\"" + "k".repeat(41) + "\":\"v\"}")), "metadata");
        assertEquals(201, create(body(",\"metadata\":{\"" + "k".repeat(40) + "\":\"" + "v".repeat(500) + "\"}")).status());
        assertInvalid(create(body(",\"metadata\":{\"k\":\"" + "v".repeat(501) + "\"}")), "metadata.k");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertInvalid(create(body(",\"metadata\":{" + many + "}")), "metadata");
        assertEquals(201, create(body(",\"metadata\":{" + many.substring(many.indexOf(",") + 1) + "}")).status());
    }

    @Test
    void countriesAreCheckedAgainstCoverage() {
        assertInvalid(create("{\"amount\":5000,\"currency\":\"XOF\"}"), "transaction_country");
        assertInvalid(create("{\"amount\":5000,\"currency\":\"XOF\",\"transaction_country\":\"FR\"}"), "transaction_country");
        assertInvalid(create("{\"amount\":5000,\"currency\":\"XOF\",\"transaction_country\":\"sn\"}"), "transaction_country");
        assertInvalid(create("{\"amount\":5000,\"currency\":\"XOF\",\"transaction_country\":\"CM\"}"), "currency");
        assertInvalid(create(body(",\"payer_country\":\"US\"")), "payer_country");
        assertInvalid(create(body(",\"rail_country\":\"X\"")), "rail_country");
        Response ok = create(body(",\"payer_country\":\"SN\",\"rail_country\":\"CI\""));
        assertEquals(201, ok.status(), ok.body());
        assertEquals("SN", ok.json().get("payer_country").asText());
        assertEquals("CI", ok.json().get("rail_country").asText());
    }

    @Test
    void otherBadFieldsAre400() {
        assertInvalid(create("{\"currency\":\"XOF\",\"transaction_country\":\"CI\"}"), "amount");
        assertInvalid(create(body(",\"customer_email\":\"not-an-email\"")), "customer_email");
        assertInvalid(create(body(",\"customer_phone\":\"12\"")), "customer_phone");
        assertInvalid(create(body(",\"customer\":\"bob\"")), "customer");
        assertInvalid(create(body(",\"description\":7")), "description");
    }

    @Test
    void anAmountAboveTheCurrencysLargestRouteMaximumIs400OnAmount() {
        assertInvalid(create("{\"amount\":9223372036854775807,\"currency\":\"XOF\",\"transaction_country\":\"CI\"}"), "amount");
        assertInvalid(create("{\"amount\":3000001,\"currency\":\"XOF\",\"transaction_country\":\"CI\"}"), "amount");
        Response atMax = create("{\"amount\":3000000,\"currency\":\"XOF\",\"transaction_country\":\"CI\"}");
        assertEquals(201, atMax.status(), atMax.body());
    }

    /** The description is shown to payers: a right-to-left override (U+202E) could disguise it. */
    @Test
    void aDescriptionWithABidiOverrideIs400() {
        assertInvalid(create(body(",\"description\":\"Facture \u202Efdp.exe\"")), "description");
        assertInvalid(create(body(",\"description\":\"a\u2028b\"")), "description");
    }
}
