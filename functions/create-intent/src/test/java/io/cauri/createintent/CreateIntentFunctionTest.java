package io.cauri.createintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.IntentRepository;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokenClaims;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /payment-intents through the real Lambda handler, against DynamoDB Local. */
class CreateIntentFunctionTest {

    private static final String VALID = """
            {"customerReference":"cust_01924059","purchaseReference":"ref_2020_11_10_001","amount":100,"currency":"XOF"}""";
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

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

    private static Response create(String body) {
        return function.handle(ApiGatewayEvents.post("/payment-intents", body)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
    }

    @Test
    void createsAnIntentWithEveryFieldOfTheHub2Object() {
        Instant before = Instant.now().minusMillis(1);
        Response response = create("""
                {"customerReference":"cust_01924059","purchaseReference":"ref_2020_11_10_001","amount":100,
                 "currency":"XOF","overrideBusinessName":"MyBusiness"}""");

        assertEquals(201, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        JsonNode intent = response.json();
        assertTrue(intent.get("id").asText().matches("pi_[A-Za-z0-9_-]{21}"), intent.get("id").asText());
        assertEquals(merchant.merchantId(), intent.get("merchantId").asText());
        assertTrue(intent.get("createdAt").asText().matches(ISO_MILLIS), intent.get("createdAt").asText());
        assertEquals(intent.get("createdAt").asText(), intent.get("updatedAt").asText());
        assertFalse(Instant.parse(intent.get("createdAt").asText()).isBefore(before));
        assertEquals("ref_2020_11_10_001", intent.get("purchaseReference").asText());
        assertEquals("cust_01924059", intent.get("customerReference").asText());
        assertEquals("payment_required", intent.get("status").asText());
        assertEquals(100, intent.get("amount").asLong());
        assertTrue(intent.get("amount").isIntegralNumber());
        assertEquals("XOF", intent.get("currency").asText());
        assertTrue(intent.get("payments").isArray());
        assertEquals(0, intent.get("payments").size());
        assertEquals("sandbox", intent.get("mode").asText());
        assertEquals("MyBusiness", intent.get("overrideBusinessName").asText());
        assertFalse(intent.has("nextAction"));
        assertFalse(intent.has("lastPaymentFailure"));

        IntentTokenClaims claims = function.context().getBean(IntentTokens.class).verify(intent.get("token").asText());
        assertEquals(new IntentTokenClaims(intent.get("id").asText(), merchant.merchantId(), Mode.SANDBOX), claims);
    }

    @Test
    void theCreatedIntentIsStored() {
        JsonNode created = create(VALID).json();
        var stored = function.context().getBean(IntentRepository.class).find(created.get("id").asText()).orElseThrow();
        assertEquals(100, stored.amount());
        assertEquals(1L, stored.version());
        assertEquals(created.get("createdAt").asText(), io.cauri.time.Timestamps.format(stored.createdAt()));
    }

    @Test
    void liveKeyCreatesLiveIntent() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .auth(merchant.merchantId(), merchant.liveKey(), "live"));
        assertEquals(201, response.status(), response.body());
        assertEquals("live", response.json().get("mode").asText());
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .header("APIKEY", merchant.sandboxKey()).header("merchantid", merchant.merchantId())
                .header("ENVIRONMENT", "sandbox"));
        assertEquals(201, response.status(), response.body());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"purchaseReference\":\"p1\",\"amount\":100,\"currency\":\"XOF\"}", "customerReference", "missing_parameter"),
                Arguments.of("{\"customerReference\":\"c1\",\"amount\":100,\"currency\":\"XOF\"}", "purchaseReference", "missing_parameter"),
                Arguments.of("{\"customerReference\":\"c1\",\"purchaseReference\":\"p1\",\"currency\":\"XOF\"}", "amount", "missing_parameter"),
                Arguments.of("{\"customerReference\":\"c1\",\"purchaseReference\":\"p1\",\"amount\":100}", "currency", "missing_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c1", "p1").replace("100", "0"), "amount", "invalid_parameter"),
                Arguments.of(body("-1", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("1.5", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("1.0", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("1e3", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("\"abc\"", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("\"100\"", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("9223372036854775808", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("true", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                // above the largest route maximum of the currency (coverage: 3 000 000 XOF and XAF, 40 000 000 GNF)
                Arguments.of(body("9223372036854775807", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("3000001", "\"XOF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("3000001", "\"XAF\"", "c1", "p1"), "amount", "invalid_parameter"),
                Arguments.of(body("40000001", "\"GNF\"", "c1", "p1"), "amount", "invalid_parameter"),
                // labels shown on payer pages: no bidi overrides or other invisible format characters
                Arguments.of(body("100", "\"XOF\"", "c1", "p1").replace("}", ",\"overrideBusinessName\":\"Shop\u202Egnp.exe\"}"), "overrideBusinessName", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c1", "p1").replace("}", ",\"overrideBusinessName\":\"Shop\u2066x\u2069\"}"), "overrideBusinessName", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c1", "p1").replace("}", ",\"overrideBusinessName\":\"Sh\u200Bop\"}"), "overrideBusinessName", "invalid_parameter"),
                Arguments.of(body("100", "\"xof\"", "c1", "p1"), "currency", "invalid_parameter"),
                Arguments.of(body("100", "\"ABC\"", "c1", "p1"), "currency", "unsupported_currency"),
                Arguments.of(body("100", "\"EUR\"", "c1", "p1"), "currency", "unsupported_currency"),
                Arguments.of(body("100", "\"XO\"", "c1", "p1"), "currency", "invalid_parameter"),
                Arguments.of(body("100", "978", "c1", "p1"), "currency", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c#1", "p1"), "customerReference", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c1", "p/1"), "purchaseReference", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c1", "p".repeat(65)), "purchaseReference", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "", "p1"), "customerReference", "invalid_parameter"),
                Arguments.of(body("100", "\"XOF\"", "c\u00e91", "p1"), "customerReference", "invalid_parameter"),
                Arguments.of("{\"customerReference\":\"c1\",\"purchaseReference\":\"p1\",\"amount\":100,\"currency\":\"XOF\",\"overrideBusinessName\":7}", "overrideBusinessName", "invalid_parameter"),
                Arguments.of("{\"customerReference\":[\"c1\"],\"purchaseReference\":\"p1\",\"amount\":100,\"currency\":\"XOF\"}", "customerReference", "invalid_parameter"));
    }

    private static String body(String amount, String currency, String customer, String purchase) {
        return "{\"customerReference\":\"" + customer + "\",\"purchaseReference\":\"" + purchase
                + "\",\"amount\":" + amount + ",\"currency\":" + currency + "}";
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("badBodies")
    void badInputIs400NamingTheFieldAndWritesNothing(String body, String param, String code) {
        int before = DynamoDbLocal.shared().intentCount();
        Response response = create(body);
        assertError(response, 400, code);
        assertEquals(param, response.json().get("param").asText(), response.body());
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    /** The largest route maximum of each currency is accepted: the cap refuses only what no route could pay. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"3000000,XOF", "3000000,XAF", "40000000,GNF"})
    void anAmountUpToTheCurrencysLargestRouteMaximumIsAccepted(long amount, String currency) {
        Response response = create(body(String.valueOf(amount), "\"" + currency + "\"", "c1", "p1"));
        assertEquals(201, response.status(), response.body());
    }

    @ParameterizedTest
    @MethodSource("notAnObject")
    void bodyThatIsNotAJsonObjectIs400(String body) {
        int before = DynamoDbLocal.shared().intentCount();
        assertError(create(body), 400, "invalid_json");
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    static List<String> notAnObject() {
        return List.of("", "   ", "not json", "[1,2]", "[]", "\"text\"", "42", "null", "{\"amount\":", "{'a':1}");
    }

    @Test
    void missingBodyIs400() {
        Response response = function.handle(ApiGatewayEvents.request("POST", "/payment-intents")
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox"));
        assertError(response, 400, "invalid_json");
    }

    @Test
    void unknownEnvironmentIs400() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "production"));
        assertError(response, 400, "invalid_parameter");
        assertEquals("Environment", response.json().get("param").asText());
    }

    @Test
    void missingEnvironmentIs400() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .header("ApiKey", merchant.sandboxKey()).header("MerchantId", merchant.merchantId()));
        assertError(response, 400, "missing_parameter");
        assertEquals("Environment", response.json().get("param").asText());
    }

    static Stream<Arguments> badCredentials() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        return Stream.of(
                Arguments.of("no ApiKey", ApiGatewayEvents.post("/payment-intents", VALID)
                        .header("MerchantId", merchant.merchantId()).header("Environment", "sandbox")),
                Arguments.of("no MerchantId", ApiGatewayEvents.post("/payment-intents", VALID)
                        .header("ApiKey", merchant.sandboxKey()).header("Environment", "sandbox")),
                Arguments.of("wrong key", ApiGatewayEvents.post("/payment-intents", VALID)
                        .auth(merchant.merchantId(), merchant.sandboxKey() + "x", "sandbox")),
                Arguments.of("unknown merchant", ApiGatewayEvents.post("/payment-intents", VALID)
                        .auth("m_nobody", merchant.sandboxKey(), "sandbox")),
                Arguments.of("key of merchant A with MerchantId B", ApiGatewayEvents.post("/payment-intents", VALID)
                        .auth(other.merchantId(), merchant.sandboxKey(), "sandbox")),
                Arguments.of("sandbox key with Environment live", ApiGatewayEvents.post("/payment-intents", VALID)
                        .auth(merchant.merchantId(), merchant.sandboxKey(), "live")),
                Arguments.of("live key with Environment sandbox", ApiGatewayEvents.post("/payment-intents", VALID)
                        .auth(merchant.merchantId(), merchant.liveKey(), "sandbox")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void badCredentialsAre401AndWriteNothing(String why, ApiGatewayEvents request) {
        int before = DynamoDbLocal.shared().intentCount();
        assertError(function.handle(request), 401, "unauthorized");
        assertEquals(before, DynamoDbLocal.shared().intentCount());
    }

    @Test
    void authIsCheckedBeforeTheBody() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", "not json")
                .auth(merchant.merchantId(), "sk_wrong", "sandbox"));
        assertError(response, 401, "unauthorized");
    }

    @Test
    void unknownRouteAndMethodGetTheSameErrorShape() {
        assertError(function.handle(ApiGatewayEvents.post("/nothing-here", VALID)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")), 404, "not_found");
        Response put = function.handle(ApiGatewayEvents.request("PUT", "/payment-intents").body(VALID)
                .header("Content-Type", "application/json"));
        assertTrue(Set.of(404, 405).contains(put.status()), put.body());
        assertNotNull(put.json().get("request_id"));
    }

    @Test
    void idsAreUnique() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(create(VALID).json().get("id").asText());
        }
        assertEquals(20, ids.size());
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        JsonNode error = response.json();
        assertEquals(status, error.get("status").asInt());
        assertEquals(code, error.get("code").asText(), response.body());
        assertFalse(error.get("message").asText().isBlank());
        assertTrue(error.get("request_id").asText().matches("req_[A-Za-z0-9_-]{21}"));
        assertEquals(error.get("request_id").asText(), response.header("Request-Id"));
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains("\tat "), response.body());
    }
}
