package io.cauri.createintent;

import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /payment-intents} at its edge: the rate-limit row (75 / 10 s), the request size caps (body 64 KiB
 * → 413, also base64; query → 414; headers → 431), the JSON caps (nesting depth, string length), unknown
 * fields ignored, and the security headers. Through the real handler against DynamoDB Local.
 */
class HttpEdgeTest {
    static final String VALID = "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}";
    static final int MAX_BODY = 64 * 1024;

    static MovableClock clock;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        clock = HttpEdge.windowAlignedClock();
        function = HttpEdge.limitedFunction(clock);
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static ApiGatewayEvents create(String body) {
        return ApiGatewayEvents.post("/payment-intents", body).auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")
                .sourceIp(HttpEdge.freshIp());
    }

    /** {@code VALID} padded with spaces (still one valid JSON object) to exactly {@code bytes} bytes. */
    static String padded(int bytes) {
        return VALID.substring(0, VALID.length() - 1) + " ".repeat(bytes - VALID.length()) + "}";
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertEquals(code, response.json().get("code").asText(), response.body());
        assertEquals(status, response.json().get("status").asInt());
        HttpEdge.assertSecurityHeaders(response, "POST /payment-intents (" + code + ")");
    }

    @Test
    void aForeignOriginRefusedOnALocalHostGetsTheErrorBodyAndIsIgnoredBehindApiGateway() {
        // local-api: the Host is 127.0.0.1, and Micronaut's CORS filter refuses a foreign Origin there (its
        // protection of local servers against drive-by requests from web pages) — with a bare 403 of its own
        Response refused = function.handle(create(VALID).header("Host", "127.0.0.1:3000")
                .header("Origin", "https://elsewhere.example"));
        assertError(refused, 403, "forbidden");
        assertEquals("Origin", refused.json().get("param").asText());
        assertEquals(refused.headers().get("Request-Id"), refused.json().get("request_id").asText());

        // behind API Gateway the Host is the API's own: a merchant's server may send any Origin
        Response created = function.handle(create(VALID).header("Host", "api.cauri.example")
                .header("Origin", "https://elsewhere.example"));
        assertEquals(201, created.status(), created.body());
    }

    @Test
    void createIsSeventyFiveInTenSeconds() {
        String ip = HttpEdge.freshIp();
        // a wrong key: the limiter counts before any domain work, so the row is the same for any answer
        HttpEdge.assertRow("POST /payment-intents", function, clock, 75, 10,
                () -> ApiGatewayEvents.post("/payment-intents", VALID).auth(merchant.merchantId(), "sk_sandbox_wrong", "sandbox")
                        .sourceIp(ip));
    }

    @Test
    void aBodyOfUpTo64KiBIsReadAndOneByteMoreIs413() {
        int before = DynamoDbLocal.shared().intentCount();
        Response atCap = function.handle(create(padded(MAX_BODY)));
        assertEquals(201, atCap.status(), atCap.body());
        HttpEdge.assertSecurityHeaders(atCap, "POST /payment-intents (201)");
        HttpEdge.assertNoCors(atCap, "POST /payment-intents");
        assertError(function.handle(create(padded(MAX_BODY + 1))), 413, "request_too_large");
        // API Gateway sends some bodies base64-encoded: the decoded size counts
        assertError(function.handle(create(null).base64Body(padded(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8))),
                413, "request_too_large");
        Response base64AtCap = function.handle(create(null).base64Body(padded(MAX_BODY).getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, base64AtCap.status(), base64AtCap.body());
        assertEquals(before + 2, DynamoDbLocal.shared().intentCount(), "only the two bodies within the cap were stored");
        System.out.println("body cap: 65536 bytes -> 201, 65537 bytes -> 413 request_too_large (plain and base64)");
    }

    @Test
    void anOverlongQueryIs414AndOversizedHeadersAre431() {
        assertError(function.handle(create(VALID).query("q", "x".repeat(4100))), 414, "uri_too_long");
        assertError(function.handle(create(VALID).header("X-Padding", "x".repeat(8200))), 431,
                "request_header_fields_too_large");
        Response longMerchant = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .auth("m_" + "x".repeat(3000), merchant.sandboxKey(), "sandbox").sourceIp(HttpEdge.freshIp()));
        assertError(longMerchant, 401, "unauthorized");
        System.out.println("query > 4096 chars -> 414 uri_too_long; headers > 8192 bytes -> 431; MerchantId > 64 chars -> 401");
    }

    @Test
    void aRequestRefusedBeforeRoutingCarriesTheSecurityHeadersToo() {
        // refused by the Lambda handler itself: Micronaut would fail on them (assertError checks the headers)
        assertError(function.handle(create(VALID).header("X-Note", "a\u0000b")), 400, "invalid_parameter");
        assertError(function.handle(ApiGatewayEvents.post("/payment-intents%zz", VALID)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").sourceIp(HttpEdge.freshIp())), 400, "invalid_parameter");
        assertError(function.handle(create(VALID).base64Body(new byte[] {'%', 'z'})
                .header("Content-Type", "application/x-www-form-urlencoded")), 400, "invalid_parameter");
    }

    @Test
    void jsonNestedDeeperThan32LevelsIs400() {
        Response deep = function.handle(create("{\"customerReference\":\"c1\",\"x\":" + "[".repeat(32) + "]".repeat(32) + "}"));
        assertError(deep, 400, "invalid_json");
        // 32 levels is still JSON: this body fails on its missing fields, not on its shape
        Response at32 = function.handle(create("{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}"));
        assertError(at32, 400, "missing_parameter");
        Response hostile = function.handle(create("[".repeat(50_000)));
        assertError(hostile, 400, "invalid_json");
        System.out.println("JSON depth: 32 levels parsed, 33 -> 400 invalid_json (50 000 levels too, no stack overflow)");
    }

    @Test
    void aStringLongerThan8192CharactersAnywhereIs400() {
        Response huge = function.handle(create(VALID.replace("{", "{\"note\":\"" + "x".repeat(8193) + "\",")));
        assertError(huge, 400, "invalid_json");
        Response atCap = function.handle(create(VALID.replace("{", "{\"note\":\"" + "x".repeat(8192) + "\",")));
        assertEquals(201, atCap.status(), atCap.body());
        System.out.println("strings: 8192 characters read (unknown field ignored), 8193 -> 400 invalid_json");
    }

    @Test
    void unknownFieldsAreIgnoredAndWrongTypesRejected() {
        Response extra = function.handle(create(VALID.replace("{", "{\"unknown\":{\"nested\":[1,2,3]},\"another\":true,")));
        assertEquals(201, extra.status(), extra.body());
        Response wrongType = function.handle(create(VALID.replace("\"amount\":1000", "\"amount\":\"1000\"")));
        assertError(wrongType, 400, "invalid_parameter");
        assertEquals("amount", wrongType.json().get("param").asText());
    }
}
