package io.cauri.web;

import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.IllegalTransitionException;
import io.cauri.intent.IntentNotFoundException;
import io.cauri.intent.InvalidPaymentException;
import io.cauri.intent.PaymentNotFoundException;
import io.cauri.merchant.AuthenticationException;
import io.cauri.token.InvalidTokenException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one mapping from a failure to its HTTP answer. Domain exceptions know nothing of HTTP; this is
 * where they get a status and a stable code. Unknown failures become a 500 with a generic message:
 * the cause is logged under the request id, never sent.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ApiError> of(Throwable failure) {
        ApiException api = toApiException(failure);
        String requestId = Ids.next(Ids.REQUEST);
        if (api.status() >= 500) {
            LOG.error("request {} failed: {}", requestId, api.code(), failure);
        }
        MutableHttpResponse<ApiError> response = HttpResponse
                .<ApiError>status(HttpStatus.valueOf(api.status()))
                .body(new ApiError(api.status(), api.code(), api.getMessage(), requestId, api.param()))
                .header("Request-Id", requestId);
        if (api.status() == 503) {
            response.header("Retry-After", "1");
        }
        return response;
    }

    public static ApiException toApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof AuthenticationException || failure instanceof InvalidTokenException) {
            return ApiException.unauthorized(failure.getMessage());
        }
        if (failure instanceof InvalidPaymentException e) {
            return new ApiException(400, e.code(), e.getMessage(), e.param());
        }
        if (failure instanceof PaymentNotFoundException) {
            return new ApiException(404, ErrorCode.NOT_FOUND, failure.getMessage(), "id");
        }
        if (failure instanceof IntentNotFoundException) {
            return new ApiException(404, ErrorCode.NOT_FOUND, failure.getMessage(), "id");
        }
        if (failure instanceof IllegalTransitionException e) {
            return new ApiException(409, ErrorCode.INVALID_STATE,
                    "The payment intent is " + e.from() + "; this request is not allowed in that state.", null);
        }
        if (failure instanceof ConcurrentChangeException) {
            return new ApiException(409, ErrorCode.CONCURRENT_CHANGE,
                    "Another request changed this payment intent at the same time; retry after reading it again.", null);
        }
        if (failure instanceof SdkException) {
            return new ApiException(503, ErrorCode.SERVICE_UNAVAILABLE,
                    "A storage service is unavailable; nothing was changed. Retry shortly.", null);
        }
        return new ApiException(500, ErrorCode.INTERNAL_ERROR, "Internal error.", null);
    }
}
