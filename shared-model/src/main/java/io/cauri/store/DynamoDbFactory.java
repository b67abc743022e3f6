package io.cauri.store;

import io.cauri.init.Background;
import io.cauri.init.InitEagerly;
import io.cauri.init.WarmUpGate;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/**
 * One DynamoDB client per container, built at init: the URL-connection HTTP client (no Apache/Netty),
 * region and credentials read straight from Lambda's environment rather than by the slower provider
 * chains. {@code cauri.dynamodb.endpoint} points it at DynamoDB Local.
 * <p>
 * Building the client (some two thousand SDK classes, the TLS context) is the largest single piece of a
 * cold start and needs nothing from the application context but two properties, so {@link ClientBuild}
 * starts it on its own thread first thing, and the client bean only waits for it when something needs it.
 */
@Factory
public class DynamoDbFactory {

    @Singleton
    DynamoDbClient dynamoDbClient(ClientBuild build) {
        return build.client.join();
    }

    /**
     * First among a Lambda context's eager beans ({@link InitEagerly}, {@link Order}): the client is built
     * while the rest of the context starts.
     */
    @Singleton
    @InitEagerly
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static final class ClientBuild {
        final Background<DynamoDbClient> client;

        ClientBuild(@Value("${cauri.dynamodb.endpoint:}") String endpoint,
                    @Value("${cauri.dynamodb.timeout:2s}") Duration timeout,
                    @Value("${cauri.dynamodb.max-attempts:3}") int maxAttempts,
                    @Value("${cauri.tables.merchants:}") String merchants) {
            this.client = Background.start("dynamodb-client", () -> {
                WarmUpGate.await(); // so that no SDK class is initialised by two threads at once
                DynamoDbClient built = build(endpoint, timeout, maxAttempts);
                // The table schemas every repository maps with are built at their class's init: here too, before
                // any repository (they all wait for this client) can need them.
                IntentTableSchema.INTENT.itemType();
                MerchantTableSchema.MERCHANT.itemType();
                IdempotencyTableSchema.RECORD.itemType();
                return built;
            });
            String merchantsTable = new TableNames(null, merchants, null, null).merchants();
            Background.start("dynamodb-first-call", () -> firstCall(client.join(), merchantsTable));
        }
    }

    /** The merchant the first call reads: no merchant has this id (were one to, the read would only return it). */
    static final String FIRST_CALL_MERCHANT = "m_cold_start_first_call";

    /**
     * Once the client is handed over, on its own thread while the application context goes on starting: what
     * every request's first DynamoDB call would otherwise pay for, paid here — the connection to DynamoDB
     * opened (TLS in AWS) and kept in the JDK's keep-alive cache, and the SDK's request path loaded (enhanced
     * client, marshalling, SigV4 signing, response parsing). It reads a merchant that does not exist: nothing is
     * written, nothing random of ours is drawn, and a failure only costs the head start. Under SnapStart the
     * priming before the snapshot does the same again.
     */
    static boolean firstCall(DynamoDbClient client, String merchantsTable) {
        try {
            return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                    .table(merchantsTable, MerchantTableSchema.MERCHANT)
                    .getItem(Key.builder().partitionValue(FIRST_CALL_MERCHANT).build()) == null;
        } catch (RuntimeException e) {
            return false; // best effort: the first request loads and connects whatever this did not
        }
    }

    /**
     * Bounded so that a throttled or unreachable DynamoDB turns into a 503 long before the Lambda's own timeout
     * (30 s): each attempt gets {@code timeout} (single-item calls take milliseconds), at most
     * {@code maxAttempts} with the SDK's standard backoff, and the whole call {@code maxAttempts × timeout}. A
     * request fails at its first call that gives up, so its worst case is about one call's bound.
     */
    private static DynamoDbClient build(String endpoint, Duration timeout, int maxAttempts) {
        var builder = DynamoDbClient.builder()
                .httpClient(new AbortSafeHttpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(timeout)
                        .build()))
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                        .apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout.multipliedBy(maxAttempts)));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            String region = System.getenv("AWS_REGION");
            if (region != null) {
                builder.region(Region.of(region));
            }
            builder.credentialsProvider(credentials());
        }
        return builder.build();
    }

    @Singleton
    TableNames tableNames(@Value("${cauri.tables.intents:}") String intents,
                          @Value("${cauri.tables.merchants:}") String merchants,
                          @Value("${cauri.tables.payments:}") String payments,
                          @Value("${cauri.tables.idempotency:}") String idempotency,
                          @Value("${cauri.tables.customers:}") String customers,
                          @Value("${cauri.tables.webhooks:}") String webhooks,
                          @Value("${cauri.tables.deliveries:}") String deliveries,
                          @Value("${cauri.tables.rate-limits:}") String rateLimits,
                          @Value("${cauri.tables.ledger:}") String ledger) {
        return new TableNames(intents, merchants, payments, idempotency, customers, webhooks, deliveries, rateLimits,
                ledger);
    }

    @Singleton
    DynamoDbEnhancedClient enhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder()
                .dynamoDbClient(client)
                .extensions(VersionedRecordExtension.builder().build())
                .build();
    }

    private static AwsCredentialsProvider credentials() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
