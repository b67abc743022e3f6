package io.cauri.web.error;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.net.ConnectException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which DynamoDB failures are "unavailable, retry" (503 with Retry-After) and which are our bug (500), as the
 * SDK raises them after its retries: the exception types and error codes DynamoDB and the SDK really use.
 */
class StorageFailureResponsesTest {

    static AwsServiceException service(AwsServiceException.Builder builder, String code, int status) {
        return builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
                .statusCode(status).message("m").build();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("ProvisionedThroughputExceeded", service(ProvisionedThroughputExceededException.builder(),
                        "ProvisionedThroughputExceededException", 400), 503),
                Arguments.of("RequestLimitExceeded", service(RequestLimitExceededException.builder(),
                        "RequestLimitExceeded", 400), 503),
                Arguments.of("ThrottlingException", service(DynamoDbException.builder(), "ThrottlingException", 400), 503),
                Arguments.of("InternalServerError 500", service(InternalServerErrorException.builder(),
                        "InternalServerError", 500), 503),
                Arguments.of("ServiceUnavailable 503", service(DynamoDbException.builder(), "ServiceUnavailable", 503), 503),
                Arguments.of("connection refused", SdkClientException.builder().message("Unable to execute HTTP request")
                        .cause(new ConnectException("Connection refused")).build(), 503),
                Arguments.of("api call timeout", ApiCallTimeoutException.create(6000), 503),
                Arguments.of("ValidationException (our bug)", service(DynamoDbException.builder(), "ValidationException", 400), 500),
                Arguments.of("ResourceNotFound (table not active)", service(ResourceNotFoundException.builder(),
                        "ResourceNotFoundException", 400), 503),
                Arguments.of("ConditionalCheckFailed outside a repository (our bug)", service(DynamoDbException.builder(),
                        "ConditionalCheckFailedException", 400), 500));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("failures")
    void storageFailuresMapToTheirStatus(String name, SdkException failure, int status) {
        var response = ErrorResponses.of(failure);
        assertEquals(status, response.code());
        ApiError body = response.getBody().orElseThrow();
        assertEquals(status, body.status());
        assertTrue(body.requestId().startsWith("req_"), body.requestId());
        assertEquals(body.requestId(), response.getHeaders().get("Request-Id"));
        assertFalse(body.message().contains("m\n") || body.message().contains("Exception"), body.message());
        if (status == 503) {
            assertEquals(ErrorCode.SERVICE_UNAVAILABLE, body.code());
            assertEquals("1", response.getHeaders().get("Retry-After"));
        } else {
            assertEquals(ErrorCode.INTERNAL_ERROR, body.code());
            assertEquals("Internal error.", body.message());
            assertNull(response.getHeaders().get("Retry-After"));
        }
    }
}
