package io.cauri.stream;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A stream record that fails the same way however often it is read: its images cannot be mapped, or a
 * service refused its event for what it is (a 4xx other than throttling or an authorisation or KMS problem,
 * which are the service's state, not the record's). Retrying it would hold the head of its shard, and every
 * merchant's events behind it, for as long as Lambda retries: it is parked and skipped instead.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether retrying the same request can never succeed. */
    public static boolean isDeterministic(Throwable failure) {
        if (failure instanceof PoisonRecordException) {
            return true;
        }
        if (!(failure instanceof SdkServiceException service)) {
            return false;
        }
        int status = service.statusCode();
        if (status < 400 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429
                || service.isThrottlingException()) {
            return false;
        }
        String code = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode() : null;
        return code == null || !(code.startsWith("KMS") || code.contains("Throttl") || code.contains("Timeout")
                || code.contains("LimitExceeded") || code.equals("ProvisionedThroughputExceededException")
                || code.equals("TransactionConflictException")
                || code.equals("AuthorizationError") || code.equals("AccessDenied") || code.equals("AccessDeniedException")
                || code.equals("ResourceNotFoundException") || code.equals("NotFound"));
    }
}
