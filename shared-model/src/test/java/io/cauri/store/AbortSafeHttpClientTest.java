package io.cauri.store;

import io.cauri.web.error.ErrorResponses;
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
 * HTTP layer waits until the SDK's attempt timeout aborts it, then fails that way, on every call. A runtime
 * exception from a request nobody aborted is a bug, and stays one.
 */
class AbortSafeHttpClientTest {

    /**
     * An HTTP client whose every request hangs until the SDK aborts it, then fails as the aborted URLConnection
     * does; or, with {@code waitForAbort} false, fails that way at once, unaborted (a bug in the HTTP layer).
     */
    static final class DisconnectedMidRequest implements SdkHttpClient {
        final AtomicInteger calls = new AtomicInteger();
        final boolean waitForAbort;

        DisconnectedMidRequest() {
            this(true);
        }

        DisconnectedMidRequest(boolean waitForAbort) {
            this.waitForAbort = waitForAbort;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            java.util.concurrent.CountDownLatch aborted = new java.util.concurrent.CountDownLatch(1);
            return new ExecutableHttpRequest() {
                @Override
                public software.amazon.awssdk.http.HttpExecuteResponse call() {
                    calls.incrementAndGet();
                    // the real connection fails this way only once disconnected: wait for the abort itself (the
                    // SDK's timer also interrupts the thread, which the blocked read does not notice)
                    boolean interrupted = false;
                    while (waitForAbort && aborted.getCount() > 0) {
                        try {
                            aborted.await(5, java.util.concurrent.TimeUnit.SECONDS);
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw new NullPointerException("Cannot invoke \"sun.net.www.http.HttpClient.getInputStream()\" "
                            + "because \"this.http\" is null");
                }

                @Override
                public void abort() {
                    aborted.countDown();
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
                        .standardRetryStrategy().toBuilder().maxAttempts(3).build()) // as DynamoDbFactory's
                        .apiCallAttemptTimeout(java.time.Duration.ofMillis(200)))
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
    void aFailureOfARequestNobodyAbortedStaysTheBugItIs() {
        DisconnectedMidRequest http = new DisconnectedMidRequest(false);
        try (DynamoDbClient dynamo = client(new AbortSafeHttpClient(http))) {
            NullPointerException failure = assertThrows(NullPointerException.class, () -> dynamo.listTables());
            assertEquals(500, ErrorResponses.toApiException(failure).status());
            assertEquals(1, http.calls.get(), "not retried as if it were an I/O failure");
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
