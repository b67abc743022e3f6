package io.cauri.createintent;

import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage failures whose outcome is unknown, through the real handler on DynamoDB Local. The SDK retries a write
 * whose answer it lost; if the first try had landed, the retry fails its own condition. The create must read
 * back and answer 201 with the one intent it stored — not a 500 that releases the key so that the client's retry
 * stores a second intent. And a create that fails with a 5xx keeps its key locked: no second run meanwhile.
 */
class AmbiguousCreateTest {
    private static final String BODY = """
            {"customerReference":"cust_1","purchaseReference":"order_2026_0002","amount":1500,"currency":"XOF"}""";
    static final TableNames TABLES = TableNames.defaults();

    static LocalFunction function;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
    }

    static Response create(TestMerchants.Credentials merchant, String key) {
        return function.handle(ApiGatewayEvents.post("/payment-intents", BODY)
                .auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), Mode.SANDBOX.wire())
                .header(IdempotentRequests.HEADER, key));
    }

    static List<PaymentIntent> intentsOf(TestMerchants.Credentials merchant) {
        Instant now = Instant.now();
        return function.context().getBean(IntentRepository.class).list(new IntentRepository.Query(merchant.merchantId(),
                Mode.SANDBOX, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), null, null, 1, 100)).items();
    }

    static boolean isIntentPut(Object request) {
        return request instanceof PutItemRequest put && TABLES.intents().equals(put.tableName());
    }

    @Test
    void aCreateWhoseWriteLandedBeforeTheSdkRetriedItAnswers201WithTheOneIntent() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String key = UUID.randomUUID().toString();
        // the first try lands (sent here, as it was); the handler's call is then the retry, whose condition fails
        FaultInjector.beforeRequest(AmbiguousCreateTest::isIntentPut,
                request -> DynamoDbLocal.shared().client().putItem((PutItemRequest) request));

        Response created = create(merchant, key);
        assertTrue(FaultInjector.fired(), "the write landed before the handler's own call");
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals(List.of(id), intentsOf(merchant).stream().map(PaymentIntent::id).toList());
        assertEquals(1L, intentsOf(merchant).get(0).version());

        Response retried = create(merchant, key);
        assertEquals(201, retried.status(), retried.body());
        assertEquals("true", retried.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(id, retried.json().get("id").asText(), "the same intent");
        assertEquals(1, intentsOf(merchant).size(), "no second intent");
    }

    @Test
    void aCreateThatFailedWith5xxKeepsItsKeyLockedSoARetryDoesNotRunItAgain() {
        TestMerchants.Credentials merchant = TestMerchants.fresh();
        String key = UUID.randomUUID().toString();
        FaultInjector.before(AmbiguousCreateTest::isIntentPut, () -> {
            throw new IllegalStateException("connection lost after the request was sent");
        });

        Response failed = create(merchant, key);
        assertTrue(FaultInjector.fired());
        assertEquals(500, failed.status(), failed.body());

        Response retried = create(merchant, key);
        assertEquals(409, retried.status(), retried.body());
        assertEquals("idempotency_key_in_use", retried.json().get("code").asText());
        assertEquals(0, intentsOf(merchant).size(), "the retry did not run the create again");
        assertTrue(create(merchant, UUID.randomUUID().toString()).status() == 201, "another key is free to use");
    }
}
