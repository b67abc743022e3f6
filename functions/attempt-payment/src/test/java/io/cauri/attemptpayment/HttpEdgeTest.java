package io.cauri.attemptpayment;

import io.cauri.id.Ids;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rate-limit rows of {@code POST /payment-intents/{id}/payments} and {@code …/payments/sync} (75 / 10 s each) and the security and CORS headers through the real handler against DynamoDB Local. */
class HttpEdgeTest {
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


    static ApiGatewayEvents attempt(String path, String ip) {
        return ApiGatewayEvents.post(path, "{\"token\":\"not-a-token\",\"paymentMethod\":\"mobile_money\","
                + "\"country\":\"CI\",\"provider\":\"orange\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}").sourceIp(ip);
    }

    @Test
    void attemptsAreSeventyFiveInTenSeconds() {
        String ip = HttpEdge.freshIp();
        String id = Ids.next(Ids.INTENT);
        HttpEdge.assertRow("POST /payment-intents/{id}/payments", function, clock, 75, 10,
                () -> attempt("/payment-intents/" + id + "/payments", ip));
        HttpEdge.assertRow("POST /payment-intents/{id}/payments/sync", function, clock, 75, 10,
                () -> attempt("/payment-intents/" + id + "/payments/sync", ip));
    }

    @Test
    void securityHeadersAndCorsOnTheBrowserRoute() {
        Response response = function.handle(attempt("/payment-intents/" + Ids.next(Ids.INTENT) + "/payments",
                HttpEdge.freshIp()));
        assertEquals(401, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "POST /payment-intents/{id}/payments (401)");
        assertEquals("*", response.header("Access-Control-Allow-Origin"));
        Response preflight = function.handle(ApiGatewayEvents.request("OPTIONS", "/payment-intents/" + Ids.next(Ids.INTENT)
                + "/payments").header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").sourceIp(HttpEdge.freshIp()));
        assertEquals(204, preflight.status(), preflight.body());
        assertEquals("POST", preflight.header("Access-Control-Allow-Methods"));
        assertNull(preflight.header("RateLimit-Limit"), "a preflight is not counted");
        HttpEdge.assertSecurityHeaders(preflight, "OPTIONS /payment-intents/{id}/payments (preflight)");
    }
}
