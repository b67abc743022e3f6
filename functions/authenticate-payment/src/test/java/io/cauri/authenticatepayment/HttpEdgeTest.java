package io.cauri.authenticatepayment;

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

/** The rate-limit row of {@code POST /payment-intents/{id}/authentication} (30 / 5 s) and the security and CORS headers through the real handler against DynamoDB Local. */
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


    static ApiGatewayEvents authenticate(String id, String ip) {
        return ApiGatewayEvents.post("/payment-intents/" + id + "/authentication",
                "{\"token\":\"not-a-token\",\"confirmationCode\":\"1234\"}").sourceIp(ip);
    }

    @Test
    void authenticationIsThirtyInFiveSeconds() {
        String ip = HttpEdge.freshIp();
        String id = Ids.next(Ids.INTENT);
        HttpEdge.assertRow("POST /payment-intents/{id}/authentication", function, clock, 30, 5, () -> authenticate(id, ip));
    }

    @Test
    void securityHeadersAndCorsOnTheBrowserRoute() {
        Response response = function.handle(authenticate(Ids.next(Ids.INTENT), HttpEdge.freshIp()));
        assertEquals(401, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "POST /payment-intents/{id}/authentication (401)");
        assertEquals("*", response.header("Access-Control-Allow-Origin"));
    }
}
