package io.cauri.store;

import io.cauri.init.Background;
import io.cauri.init.WarmUpGate;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Loads the AWS SDK and the JDK's TLS stack on a second core while Micronaut starts. The DynamoDB client
 * needs its configuration, which exists only once the application context's environment has started,
 * half-way through a cold start; but most of the cost of building it — loading and initialising some two
 * thousand SDK classes, reading the JDK's trust store — does not depend on that configuration. So as soon as
 * an application context builder exists (an {@link ApplicationContextConfigurer} is called from its
 * constructor), a throwaway client with the same HTTP client and no credentials is built and closed on its
 * own thread: no network call, no credentials, nothing kept but warm classes. Once per class loader.
 * <p>
 * The real clients wait for it before they start ({@link WarmUpGate#await()}), so the SDK's classes are never
 * initialised by two threads at once.
 * <p>
 * It pays where a second core is free during init (bench/coldstart on 2 idle cores: about 10 % off both the
 * plain and the AppCDS cold start); on a busy or single core it only adds the throwaway client's few
 * milliseconds of work (no difference measured under load). Under SnapStart, init is paid once per version.
 */
@ContextConfigurer
public final class SdkWarmUp implements ApplicationContextConfigurer {

    @Override
    public void configure(ApplicationContextBuilder builder) {
        start();
    }

    static void start() {
        WarmUpGate.startOnce("sdk-warm-up", () -> {
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                // Once the gate opens (when this returns), on a thread of their own: the real client's build and
                // the schemas touch different classes, and the client is handed over without waiting for them.
                Background.start("table-schemas", SdkWarmUp::rehearseMapping);
                return client != null;
            }
        });
    }

    /**
     * The table schemas every repository maps with are static, built at their class's init: some 360 classes of
     * the enhanced client (its default converters, the schemas' getters) and ~50 ms of CPU. Built here, well
     * before the context's repositories are created, rather than on the real client's thread, where the context
     * used to wait for them before it got its client. A throwaway intent and merchant are also mapped to items
     * and back (no I/O), so that the first request's write and read find their converters' paths loaded.
     * Nothing here compares records: their {@code equals} is bootstrapped through method handles (~100 JDK
     * classes) that no request loads.
     */
    static Rehearsal rehearseMapping() {
        // the three schemas first: the context's repositories need all three as soon as they are created
        IntentTableSchema.WRITTEN_INTENT.itemType();
        MerchantTableSchema.MERCHANT.itemType();
        IdempotencyTableSchema.RECORD.itemType();
        PaymentIntent intent = PaymentIntent.open("pi_cold_start_rehearsal", REHEARSAL_MERCHANT, Mode.SANDBOX,
                Instant.EPOCH, "rehearsal", "rehearsal", 1, Currency.XOF, null);
        Map<String, AttributeValue> item = IntentTableSchema.WRITTEN_INTENT.itemToMap(
                new IntentTableSchema.WrittenIntent(intent, "rehearsal", null), true);
        Merchant merchant = new Merchant(REHEARSAL_MERCHANT, "rehearsal",
                List.of(new ApiKey("key_rehearsal", Mode.SANDBOX, "0".repeat(64), Instant.EPOCH, false)), null);
        Merchant read = MerchantTableSchema.MERCHANT.mapToItem(MerchantTableSchema.MERCHANT.itemToMap(merchant, true));
        // The requests of a create (the intent's conditional PutItem, the rate limit's UpdateItem) are built, never
        // sent: their classes' initialisation (one method reference per field) is then not the first request's.
        PutItemRequest put = PutItemRequest.builder().tableName(REHEARSAL_TABLE).item(item)
                .conditionExpression("attribute_not_exists(id)").build();
        UpdateItemRequest update = UpdateItemRequest.builder().tableName(REHEARSAL_TABLE)
                .key(Map.of(DynamoRateLimitWindows.PK, AttributeValue.fromS(REHEARSAL_MERCHANT)))
                .updateExpression("ADD #hits :one").expressionAttributeNames(Map.of("#hits", DynamoRateLimitWindows.HITS))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.ALL_NEW).build();
        return new Rehearsal(intent, IntentTableSchema.INTENT.mapToItem(item), merchant, read, put, update);
    }

    /** What the rehearsal mapped, what it read back from the items it made, and the requests it built (unsent). */
    record Rehearsal(PaymentIntent intent, PaymentIntent intentRead, Merchant merchant, Merchant merchantRead,
                     PutItemRequest put, UpdateItemRequest update) {
    }

    /** No table has this name: the rehearsal's requests are never sent anyway. */
    static final String REHEARSAL_TABLE = "cauri-cold-start-rehearsal";

    private static final String REHEARSAL_MERCHANT = "m_cold_start_rehearsal";
}
