package io.cauri.listintents;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests Micronaut itself cannot take apart, each found by the hostile-request property tests as a 500 (or an
 * exception out of the handler) and answered by lambda-support's ApiGatewayHandler instead: 400 with the HUB2
 * error body, or — a body on a GET — served as if it were not there.
 */
class MalformedRequestsTest {
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

    static ApiGatewayEvents list(String path) {
        return ApiGatewayEvents.get(path).auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
    }

    static void assertRefused(Response response, String param) {
        assertEquals(400, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals(400, body.get("status").asInt());
        assertEquals("invalid_parameter", body.get("code").asText());
        assertEquals(param, body.get("param").asText());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
        assertTrue(response.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void aHeaderValueWithAControlCharacterIs400NotMicronauts500() {
        assertRefused(function.handle(list("/payment-intents").header("X-Note", "a\u0000b")), "x-note");
        assertRefused(function.handle(list("/payment-intents").header("ApiKey", merchant.sandboxKey() + "\u001b")), "apikey");
        assertRefused(function.handle(list("/payment-intents").header("User-Agent", "x\u007f")), "user-agent");
    }

    @Test
    void whitespaceAroundAHeaderValueIsNotPartOfIt() {
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents")
                .auth(merchant.merchantId(), " " + merchant.sandboxKey() + "\t", " sandbox "));
        assertEquals(200, response.status(), response.body());
    }

    @Test
    void aMalformedPercentEscapeInThePathOrQueryIs400() {
        assertRefused(function.handle(list("/payment-intents/%zz")), "path");
        var event = list("/api/v1/payment-intents").build();
        event.setRawQueryString("limit=%");
        assertRefused(function.handle(event), "query");
    }

    @Test
    void aFormBodyOnAGetIsIgnored() {
        var event = list("/api/v1/payment-intents").header("Content-Type", "application/x-www-form-urlencoded").build();
        event.setBody("limit=%");
        Response response = function.handle(event);
        assertEquals(200, response.status(), response.body());
    }

    @Test
    void aMultipartBodyIs415() {
        var event = list("/api/v1/payment-intents").header("Content-Type", "multipart/form-data; boundary=x").build();
        event.getRequestContext().getHttp().setMethod("POST");
        event.setBody("{\"%");
        Response response = function.handle(event);
        assertEquals(415, response.status(), response.body());
        assertEquals("unsupported_media_type", response.json().get("code").asText());
    }
}
