package io.cauri.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A bodiless error response from Micronaut gets the HUB2 error body, its code matching the status. */
class ErrorBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "403, forbidden, The request was refused: its Origin may not call this host.",
            "404, not_found, The request was refused (HTTP 404).",
            "413, request_too_large, The request was refused (HTTP 413).",
            "429, rate_limited, The request was refused (HTTP 429).",
            "503, service_unavailable, Internal error.",
            "500, internal_error, Internal error."})
    void aBodilessErrorGetsTheErrorBodyAndKeepsItsRequestId(int status, String code, String message) throws Exception {
        APIGatewayV2HTTPResponse bare = APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Request-Id", "req_kept", "Content-Type", "text/plain")).build();

        APIGatewayV2HTTPResponse filled = ApiGatewayHandler.withErrorBody(bare, "POST");

        JsonNode body = JSON.readTree(filled.getBody());
        assertEquals(status, body.get("status").asInt());
        assertEquals(code, body.get("code").asText());
        assertEquals(message, body.get("message").asText());
        assertEquals("req_kept", body.get("request_id").asText());
        assertEquals("application/json", filled.getHeaders().get("Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HEAD, 404", "GET, 200"})
    void aHeadResponseOrASuccessIsLeftAsItIs(String method, int status) {
        APIGatewayV2HTTPResponse bare = APIGatewayV2HTTPResponse.builder().withStatusCode(status).build();
        assertNull(ApiGatewayHandler.withErrorBody(bare, method).getBody());
    }
}
