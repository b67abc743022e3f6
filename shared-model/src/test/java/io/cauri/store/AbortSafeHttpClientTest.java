package io.cauri.store;

import io.cauri.web.ErrorResponses;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What {@code HttpURLConnection} throws when the SDK's attempt timeout disconnects it between two steps of a
 * request (seen under load: "Cannot invoke HttpClient.getInputStream() because this.http is null"), through the
 * SDK's real pipeline: a retryable client failure, then a 503 — not a NullPointerException and a 500.
 * The race itself is timing-dependent (ConcurrentAttemptsTest in attempt-payment meets it under load); here the
 * HTTP layer fails that way on every call.
 */
class AbortSafeHttpClientTest {

    /** An HTTP client whose every request fails as the aborted URLConnection does. */
    static final class DisconnectedMidRequest implements SdkHttpClient {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public software.amazon.awssdk.http.HttpExecuteResponse call() {
                    calls.incrementAndGet();
                    throw new NullPointerException("Cannot invoke \"sun.net.www.http.HttpClient.getInputStream()\" "
                            + "because \"this.http\" is null");
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    static DynamoDbClient client(SdkHttpClient http) {
        return DynamoDbClient.builder().httpClient(http).endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy
                        .standardRetryStrategy().toBuilder().maxAttempts(3).build())) // as DynamoDbFactory's
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Test
    void aRequestDisconnectedMidFlightIsARetriedClientFailureAnswered503() {
        DisconnectedMidRequest http = new DisconnectedMidRequest();
        try (DynamoDbClient dynamo = client(new AbortSafeHttpClient(http))) {
            SdkClientException failure = assertThrows(SdkClientException.class, () -> dynamo.listTables());
            assertEquals(503, ErrorResponses.toApiException(failure).status());
            assertEquals(3, http.calls.get(), "retried like any I/O failure, as many times as configured");
        }
    }

    @Test
    void unwrappedTheSameFailureEscapesTheSdkAsA500() {
        try (DynamoDbClient dynamo = client(new DisconnectedMidRequest())) {
            NullPointerException failure = assertThrows(NullPointerException.class, () -> dynamo.listTables());
            assertEquals(500, ErrorResponses.toApiException(failure).status());
        }
    }
}
