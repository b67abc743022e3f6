package io.cauri.attemptpayment;

import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
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
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB stopped in the middle of an attempt — after the attempt was stored ({@code processing}), just before
 * the provider's answer is written: the client gets 503, and the payment does not stay {@code processing} for
 * ever, nor is it failed on a guess. The answer the provider gave is applied shortly after (scheduled before the
 * 503 went out), and the reconciliation scheduled before the provider was called asks the provider for the
 * payment's status at the end of the provider window: either way the payment ends as the provider decided — a
 * refusal failed, a payment the provider took {@code successful}. A retry of the attempt with the same
 * Idempotency-Key meanwhile is 409: no second attempt, no second charge.
 */
class AttemptAnswerLostTest {
    static final TableNames TABLES = TableNames.defaults();
    static final Duration WINDOW = Duration.ofSeconds(4);

    @TempDir
    static Path data;
    static LocalDynamoDb dynamo;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static final MovableClock clock = new MovableClock(Instant.now());

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.stoppable(data);
        function = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint(),
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms",
                "cauri.sandbox.payer-delay", "10m"), clock);
        merchant = TestMerchants.fresh(dynamo.client());
    }

    @AfterAll
    static void stop() {
        FaultInjector.disarm();
        function.close();
        dynamo.close();
    }

    static PaymentIntent stored(String id) {
        return new DynamoIntentRepository(dynamo.client(), DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo.client())
                .extensions(VersionedRecordExtension.builder().build()).build(), TABLES).find(id).orElseThrow();
    }

    static Response attempt(PaymentIntent intent, String msisdn) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + Fixtures.token(function, intent) + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"" + msisdn + "\"}}"));
    }

    /** An OTP route with the code in the attempt: the sandbox answers {@code Succeeded} at once for 00000001. */
    static Response attemptWithOtp(PaymentIntent intent, String token, String key) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"orange\",\"otp\":\"1234\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}")
                .header("Idempotency-Key", key));
    }

    static PaymentIntent awaitSettled(PaymentIntent intent, long deadlineNanos) throws InterruptedException {
        PaymentIntent current = stored(intent.id());
        while (current.status() == IntentStatus.PROCESSING && System.nanoTime() < deadlineNanos) {
            Thread.sleep(100);
            current = stored(intent.id());
        }
        return current;
    }

    @Test
    void aSuccessTheProviderAnsweredButThatCouldNotBeStoredEndsSuccessfulAndItsRetryIsRefused() throws Exception {
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        String token = Fixtures.token(function, intent);
        String key = "pay-" + intent.id();

        // the provider took the money (Succeeded); its answer's PutItem finds DynamoDB gone
        FaultInjector.before(r -> r instanceof PutItemRequest put && TABLES.intents().equals(put.tableName()),
                dynamo::stop);
        long started = System.nanoTime();
        Response failed = attemptWithOtp(intent, token, key);
        assertTrue(FaultInjector.fired(), "the outage happened between the attempt's write and the answer's");
        assertEquals(503, failed.status(), failed.body());
        dynamo.restart();
        String paymentId = stored(intent.id()).payments().get(0).id();
        assertEquals(PaymentStatus.PROCESSING, stored(intent.id()).payment(paymentId).orElseThrow().status());

        PaymentIntent settled = awaitSettled(intent, started + WINDOW.plusSeconds(10).toNanos());
        long settledAfterMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("success answer lost mid-attempt: settled " + settled.status() + " after " + settledAfterMs + " ms");
        assertEquals(IntentStatus.SUCCESSFUL, settled.status(), "the money was taken: never failed timeout");
        assertEquals(PaymentStatus.SUCCESSFUL, settled.payment(paymentId).orElseThrow().status());

        // past the old 60 s lock, within the reconciliation time: the retry runs no second attempt
        clock.advance(Duration.ofMinutes(3));
        Response retry = attemptWithOtp(intent, token, key);
        assertEquals(409, retry.status(), retry.body());
        assertEquals("idempotency_key_in_use", retry.json().get("code").asText(), retry.body());
        assertEquals(1, stored(intent.id()).payments().size(), "one attempt, one charge");
    }

    @Test
    void aRefusalThatCouldNotBeStoredEndsFailedAsTheProviderSaid() throws Exception {
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

        PaymentIntent settled = awaitSettled(intent, started + WINDOW.plusSeconds(10).toNanos());
        long settledAfterMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(IntentStatus.PAYMENT_REQUIRED, settled.status(), "settled, not wedged in processing");
        assertEquals(PaymentStatus.FAILED, settled.payment(paymentId).orElseThrow().status());
        // what the provider answered (its answer, applied later, or its status at the reconciliation), not a guess
        assertEquals("invalid_sandbox_msisdn", settled.payment(paymentId).orElseThrow().failure().code().wire());
        System.out.println("refusal lost mid-attempt: settled after " + settledAfterMs + " ms");

        Response next = attempt(intent, "00000001");
        assertEquals(201, next.status(), next.body());
        assertEquals(2, stored(intent.id()).payments().size());
    }
}
