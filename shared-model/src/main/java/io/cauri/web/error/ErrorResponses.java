package io.cauri.web.error;

import io.cauri.id.Ids;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;
import io.cauri.web.log.RequestLog;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micronaut.http.HttpRequest;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The one mapping from a failure to its HTTP answer. Domain exceptions know nothing of HTTP; this is
 * where they get a status and a stable code. Unknown failures become a 500 with a generic message:
 * the cause is logged under the request id, never sent.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /** Seconds a client should wait before retrying a 503: DynamoDB throttling clears within seconds. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final java.util.Set<String> THROTTLING_CODES = java.util.Set.of(
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
            "LimitExceededException", "TransactionInProgressException", "InternalServerError", "ServiceUnavailable");

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ApiError> of(Throwable failure) {
        return of(null, failure);
    }

    /**
     * The answer to {@code request} (null outside a request) that failed with {@code failure}. A server error
     * is logged as one line naming the failure's class (and the AWS error code), never its message or stack
     * trace: those can carry request data, and the request log already says which request it was.
     */
    public static MutableHttpResponse<ApiError> of(HttpRequest<?> request, Throwable failure) {
        ApiException api = toApiException(failure);
        String requestId = request == null ? Ids.next(Ids.REQUEST) : RequestLog.requestId(request);
        if (api.status() >= 500) {
            String cause = describe(failure);
            if (request != null) {
                RequestLog.failedWith(request, cause);
            } else {
                LOG.error("request {} failed: {} ({})", requestId, api.code(), cause);
            }
        }
        MutableHttpResponse<ApiError> response = HttpResponse
                .<ApiError>status(HttpStatus.valueOf(api.status()))
                .body(new ApiError(api.status(), api.code(), api.getMessage(), requestId, api.param()))
                .header("Request-Id", requestId);
        if (api.status() == 503) {
            response.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        return response;
    }

    /** The failure's class, and for an AWS service error its error code and HTTP status: enough to act on. */
    public static String describe(Throwable failure) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return failure.getClass().getName() + " " + aws.awsErrorDetails().errorCode() + " " + aws.statusCode();
        }
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? failure.getClass().getName()
                : failure.getClass().getName() + " caused by " + cause.getClass().getName();
    }

    /**
     * Whether an AWS SDK failure means "the storage is there but not answering now": throttling, its own 5xx,
     * or no connection at all (the SDK's retries already ran). Those are 503 with {@code Retry-After}; any other
     * SDK failure (a request DynamoDB refuses) is our bug, a 500.
     */
    public static boolean isUnavailable(SdkException failure) {
        if (failure instanceof ProvisionedThroughputExceededException || failure instanceof RequestLimitExceededException
                || failure instanceof InternalServerErrorException
                // also what DynamoDB answers while a table is being created, restored or replaced: not there now
                || failure instanceof ResourceNotFoundException) {
            return true;
        }
        if (failure instanceof TransactionCanceledException canceled) {
            // an attempt's transaction (intent + payment entry) canceled for capacity: the reason says so
            return canceled.cancellationReasons().stream().anyMatch(r -> r.code() != null
                    && (r.code().startsWith("Throttling") || r.code().equals("ProvisionedThroughputExceeded")
                    || r.code().equals("RequestLimitExceeded")));
        }
        if (failure instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().errorCode();
            // isThrottlingException: ProvisionedThroughputExceeded, RequestLimitExceeded, Throttling, any 429
            return aws.isThrottlingException() || aws.statusCode() >= 500 || THROTTLING_CODES.contains(code);
        }
        return failure instanceof SdkClientException; // connection refused or reset, timeouts (api call, attempt)
    }

    public static ApiException toApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof RefusalException refused) {
            // every refusal of the domain: its status comes from the catalogue's one HTTP mapping
            return ApiException.of(refused.refusal(), refused.publicMessage(), refused.param());
        }
        if (failure instanceof SdkException sdk && isUnavailable(sdk)) {
            return ApiException.of(Refusal.SERVICE_UNAVAILABLE,
                    "A storage service is unavailable; the request may or may not have taken effect. "
                            + "Retry shortly with the same Idempotency-Key.", null);
        }
        return ApiException.of(Refusal.INTERNAL_ERROR, "Internal error.", null);
    }
}
