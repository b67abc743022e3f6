package io.cauri.attemptpayment;

import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.StoppableDynamoDb;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB stopped in the middle of an attempt — after the attempt was stored ({@code processing}), just before
 * the provider's answer is written: the client gets 503, and the payment does not stay {@code processing} for
 * ever. The check scheduled before the provider was called fails it {@code timeout} at the end of the provider
 * window, the intent takes attempts again, and the next one goes through.
 */
class AttemptAnswerLostTest {
    static final TableNames TABLES = TableNames.defaults();
    static final Duration WINDOW = Duration.ofSeconds(4);

    @TempDir
    static Path data;
    static StoppableDynamoDb dynamo;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() throws Exception {
        dynamo = new StoppableDynamoDb(data);
        function = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint(),
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms",
                "cauri.sandbox.payer-delay", "10m", "cauri.sandbox.provider-window", "10m"));
        merchant = TestMerchants.fresh(dynamo.client());
    }

    @AfterAll
    static void stop() {
        FaultInjector.disarm();
        function.close();
        dynamo.close();
    }

    static PaymentIntent stored(String id) {
        return new DynamoIntentRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.client())
                .extensions(VersionedRecordExtension.builder().build()).build(), TABLES).find(id).orElseThrow();
    }

    static Response attempt(PaymentIntent intent, String msisdn) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + Fixtures.token(function, intent) + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"" + msisdn + "\"}}"));
    }

    @Test
    void anAnswerThatCouldNotBeStoredEndsSettledAtTheEndOfTheProviderWindow() throws Exception {
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);

        // the attempt's transaction goes through; the provider's answer (a refusal: not a sandbox number) is
        // then written with a PutItem on the intents table, which finds DynamoDB gone
        FaultInjector.before(r -> r instanceof PutItemRequest put && TABLES.intents().equals(put.tableName()),
                dynamo::stop);
        long started = System.nanoTime();
        Response failed = attempt(intent, "00000009");
        assertTrue(FaultInjector.fired(), "the outage happened between the attempt's write and the answer's");
        assertEquals(503, failed.status(), failed.body());
        dynamo.restart();

        PaymentIntent wedged = stored(intent.id());
        assertEquals(IntentStatus.PROCESSING, wedged.status(), "the attempt was stored, its answer was not");
        String paymentId = wedged.payments().get(0).id();
        assertEquals(409, attempt(intent, "00000001").status(), "no second attempt while the first is processing");

        PaymentIntent settled = wedged;
        long deadline = started + WINDOW.plusSeconds(10).toNanos();
        while (settled.status() == IntentStatus.PROCESSING && System.nanoTime() < deadline) {
            Thread.sleep(100);
            settled = stored(intent.id());
        }
        long settledAfterMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(IntentStatus.PAYMENT_REQUIRED, settled.status(), "settled, not wedged in processing");
        assertEquals(PaymentStatus.FAILED, settled.payment(paymentId).orElseThrow().status());
        assertEquals("timeout", settled.payment(paymentId).orElseThrow().failure().code().wire());
        assertTrue(settledAfterMs >= WINDOW.toMillis(), "not before the window ended: " + settledAfterMs + " ms");
        System.out.println("answer lost mid-attempt: settled timeout after " + settledAfterMs + " ms");

        Response next = attempt(intent, "00000001");
        assertEquals(201, next.status(), next.body());
        assertEquals(2, stored(intent.id()).payments().size());
    }
}
