package io.cauri.web.error;

import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.IllegalTransitionException;
import io.cauri.intent.IntentNotFoundException;
import io.cauri.merchant.AuthenticationException;
import io.cauri.token.InvalidTokenException;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each failure gets its HTTP status and stable code; internals never reach the body. */
class ErrorResponsesTest {

    private static void assertMapped(Throwable failure, int status, String code) {
        ApiException api = ErrorResponses.toApiException(failure);
        assertEquals(status, api.status(), failure.toString());
        assertEquals(code, api.code(), failure.toString());
    }

    @Test
    void apiExceptionsPassThroughUnchanged() {
        ApiException invalid = ApiException.invalid("amount", "amount must be positive.");

        assertSame(invalid, ErrorResponses.toApiException(invalid));
    }

    @Test
    void domainFailuresGetTheirStatus() {
        assertMapped(new AuthenticationException("nope"), 401, ErrorCode.UNAUTHORIZED);
        assertMapped(new InvalidTokenException("nope"), 401, ErrorCode.UNAUTHORIZED);
        assertMapped(new IntentNotFoundException("pi_x"), 404, ErrorCode.NOT_FOUND);
        assertMapped(new IllegalTransitionException("payment intent", "successful", "processing"), 409,
                ErrorCode.INVALID_STATE);
        assertMapped(new ConcurrentChangeException("pi_x"), 409, ErrorCode.CONCURRENT_CHANGE);
    }

    @Test
    void anIllegalTransitionSaysWhichStateTheIntentIsIn() {
        ApiException api = ErrorResponses.toApiException(
                new IllegalTransitionException("payment intent", "canceled", "processing"));

        assertEquals("The payment intent is canceled; this request is not allowed in that state.", api.getMessage());
    }

    @Test
    void storageFailuresAreRetryable503s() {
        assertMapped(SdkClientException.create("connection refused to 10.0.0.1"), 503, ErrorCode.SERVICE_UNAVAILABLE);
        assertMapped(ProvisionedThroughputExceededException.builder().message("slow down").build(), 503,
                ErrorCode.SERVICE_UNAVAILABLE);

        MutableHttpResponse<ApiError> response = ErrorResponses.of(SdkClientException.create("boom"));
        assertEquals("1", response.getHeaders().get("Retry-After"));
    }

    @Test
    void anythingElseIsAGeneric500ThatLeaksNothing() {
        MutableHttpResponse<ApiError> response = ErrorResponses.of(
                new NullPointerException("secret internal detail at io.cauri.Foo"));
        ApiError body = response.getBody().orElseThrow();

        assertEquals(500, response.code());
        assertEquals(new ApiError(500, ErrorCode.INTERNAL_ERROR, "Internal error.", body.requestId(), null), body);
        assertFalse(body.message().contains("secret"));
    }

    @Test
    void theBodyAndHeaderCarryTheSameNewRequestId() {
        MutableHttpResponse<ApiError> response = ErrorResponses.of(ApiException.missing("amount"));
        ApiError body = response.getBody().orElseThrow();

        assertEquals(400, response.code());
        assertTrue(body.requestId().matches("req_[A-Za-z0-9_-]{21}"), body.requestId());
        assertEquals(body.requestId(), response.getHeaders().get("Request-Id"));
        assertEquals(new ApiError(400, ErrorCode.MISSING_PARAMETER, "amount is required.", body.requestId(), "amount"),
                body);
        assertNull(response.getHeaders().get("Retry-After"));
    }
}
