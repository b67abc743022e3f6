package io.cauri.stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures park a stream record (they recur on every retry) and which are retried. */
class PoisonRecordExceptionTest {

    static AwsServiceException refused(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void aRefusalOfTheRequestItselfIsDeterministic() {
        assertTrue(PoisonRecordException.isDeterministic(refused(400, "InvalidParameter")), "SNS: message too long");
        assertTrue(PoisonRecordException.isDeterministic(refused(400, "ValidationException")), "DynamoDB: item too large");
        assertTrue(PoisonRecordException.isDeterministic(new PoisonRecordException("unmappable", new IllegalArgumentException())));
    }

    @Test
    void theServicesStateIsRetried() {
        assertFalse(PoisonRecordException.isDeterministic(refused(500, "InternalError")));
        assertFalse(PoisonRecordException.isDeterministic(refused(503, "ServiceUnavailable")));
        assertFalse(PoisonRecordException.isDeterministic(refused(429, "Throttled")));
        assertFalse(PoisonRecordException.isDeterministic(refused(400, "Throttling")));
        assertFalse(PoisonRecordException.isDeterministic(refused(400, "ProvisionedThroughputExceededException")));
        assertFalse(PoisonRecordException.isDeterministic(refused(403, "AuthorizationError")), "a role problem stops everything: retry");
        assertFalse(PoisonRecordException.isDeterministic(refused(400, "KMSThrottling")));
        assertFalse(PoisonRecordException.isDeterministic(refused(400, "ResourceNotFoundException")));
        assertFalse(PoisonRecordException.isDeterministic(new IllegalStateException("a crash")));
    }
}
