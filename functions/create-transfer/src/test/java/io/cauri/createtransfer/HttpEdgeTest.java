package io.cauri.createtransfer;

import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code POST /transfers} and {@code POST /api/v1/payouts} at their edge: the rate-limit rows (75 / 10 s; the v1
 * route: everything else, 50 / 5 s), the request size caps (body 64 KiB → 413, also base64; query → 414; headers →
 * 431), the JSON caps (nesting depth, string length), unknown fields ignored, and the security headers without
 * CORS (a server route). Through the real handler against DynamoDB Local; a refused request reserves nothing.
 */
class HttpEdgeTest {
    static final String VALID = """
            {"reference":"edge-1","amount":1000,"currency":"XOF","destination":{"type":"mobile_money","country":"CI",\
            "recipientName":"Awa Konan","msisdn":"00000001","provider":"orange"}}""";
    static final int MAX_BODY = 64 * 1024;

    static MovableClock clock;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        clock = HttpEdge.windowAlignedClock();
        function = HttpEdge.limitedFunction(clock);
        merchant = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 1_000_000);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static ApiGatewayEvents create(String body) {
        return ApiGatewayEvents.post("/transfers", body).auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")
                .sourceIp(HttpEdge.freshIp());
    }

    /** The clock at the start of the next 30-second window (so of every 5- and 10-second one): rows start afresh. */
    static void align() {
        clock.advance(java.time.Duration.ofSeconds(30 - Math.floorMod(clock.instant().getEpochSecond(), 30)));
    }

    static long available() {
        return MoneyOutFixtures.available(function, merchant, Mode.SANDBOX);
    }

    /** {@code VALID} padded with spaces (still one valid JSON object) to exactly {@code bytes} bytes. */
    static String padded(int bytes) {
        return VALID.substring(0, VALID.length() - 1) + " ".repeat(bytes - VALID.length()) + "}";
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertEquals(code, response.json().get("code").asText(), response.body());
        assertEquals(status, response.json().get("status").asInt());
        HttpEdge.assertSecurityHeaders(response, "POST /transfers (" + code + ")");
    }

    @Test
    void createIsSeventyFiveInTenSeconds() {
        align();
        String ip = HttpEdge.freshIp();
        // a wrong key: the limiter counts before any domain work, so the row is the same for any answer
        HttpEdge.assertRow("POST /transfers", function, clock, 75, 10,
                () -> ApiGatewayEvents.post("/transfers", VALID).auth(merchant.merchantId(), "sk_sandbox_wrong", "sandbox")
                        .sourceIp(ip));
    }

    @Test
    void theV1RouteIsInTheDefaultRow() {
        align();
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("everything else (POST /api/v1/payouts)", function, clock, 50, 5,
                () -> ApiGatewayEvents.post("/api/v1/payouts", "{}").header("Authorization", "Bearer sk_sandbox_wrong")
                        .sourceIp(ip));
    }

    @Test
    void aBodyOfUpTo64KiBIsReadAndOneByteMoreIs413() {
        long before = available();
        Response atCap = function.handle(create(padded(MAX_BODY)));
        assertEquals(201, atCap.status(), atCap.body());
        HttpEdge.assertSecurityHeaders(atCap, "POST /transfers (201)");
        HttpEdge.assertNoCors(atCap, "POST /transfers");
        assertError(function.handle(create(padded(MAX_BODY + 1))), 413, "request_too_large");
        // API Gateway sends some bodies base64-encoded: the decoded size counts
        assertError(function.handle(create(null).base64Body(padded(MAX_BODY + 1).getBytes(StandardCharsets.UTF_8))),
                413, "request_too_large");
        Response base64AtCap = function.handle(create(null).base64Body(padded(MAX_BODY).getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, base64AtCap.status(), base64AtCap.body());
        assertEquals(before - 2000, available(), "only the two bodies within the cap were paid out");
        System.out.println("body cap: 65536 bytes -> 201, 65537 bytes -> 413 request_too_large (plain and base64)");
    }

    @Test
    void anOverlongQueryIs414AndOversizedHeadersAre431() {
        long before = available();
        assertError(function.handle(create(VALID).query("q", "x".repeat(4100))), 414, "uri_too_long");
        assertError(function.handle(create(VALID).header("X-Padding", "x".repeat(8200))), 431,
                "request_header_fields_too_large");
        assertEquals(before, available(), "nothing reserved");
    }

    @Test
    void jsonNestedDeeperThan32LevelsIs400() {
        assertError(function.handle(create("{\"reference\":\"r\",\"x\":" + "[".repeat(32) + "]".repeat(32) + "}")),
                400, "invalid_json");
        assertError(function.handle(create("{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}")), 400, "missing_parameter");
        assertError(function.handle(create("[".repeat(50_000))), 400, "invalid_json");
    }

    @Test
    void aStringLongerThan8192CharactersAnywhereIs400() {
        assertError(function.handle(create(VALID.replaceFirst("\\{", "{\"note\":\"" + "x".repeat(8193) + "\","))),
                400, "invalid_json");
        Response atCap = function.handle(create(VALID.replaceFirst("\\{", "{\"note\":\"" + "x".repeat(8192) + "\",")));
        assertEquals(201, atCap.status(), atCap.body());
    }

    @Test
    void unknownFieldsAreIgnoredAndWrongTypesRejected() {
        Response extra = function.handle(create(VALID.replaceFirst("\\{", "{\"unknown\":{\"nested\":[1,2,3]},\"another\":true,")));
        assertEquals(201, extra.status(), extra.body());
        Response wrongType = function.handle(create(VALID.replace("\"amount\":1000", "\"amount\":\"1000\"")));
        assertError(wrongType, 400, "invalid_parameter");
        assertEquals("amount", wrongType.json().get("param").asText());
    }

    @Test
    void securityHeadersAndNoCorsOnTheV1Route() {
        Response v1 = function.handle(ApiGatewayEvents.post("/api/v1/payouts", """
                {"amount":1000,"currency":"XOF","destination":{"type":"mobile_money","mobile_money":{"country":"CI",\
                "operator":"orange_money","msisdn":"00000001","recipient_name":"Awa"}}}""")
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(201, v1.status(), v1.body());
        HttpEdge.assertSecurityHeaders(v1, "POST /api/v1/payouts (201)");
        HttpEdge.assertNoCors(v1, "POST /api/v1/payouts");
    }
}
