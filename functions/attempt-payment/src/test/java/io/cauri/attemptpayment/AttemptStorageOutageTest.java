package io.cauri.attemptpayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentNotFoundException;
import io.cauri.intent.PaymentService;
import io.cauri.merchant.Caller;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB stopped in the middle of an attempt — after the intent was read and the payment's locator entry
 * written, just before the intent itself is written: 503 with Retry-After, the intent unchanged (still
 * {@code payment_required}, no payment, same version), and once DynamoDB is back the same attempt succeeds.
 * The locator entry written before the outage is the one trace, by design (PaymentLocator): it names an
 * intent that has no such payment, so it reads as not found — checked here through the payments route.
 */
class AttemptStorageOutageTest {
    static final TableNames TABLES = TableNames.defaults();

    @TempDir
    static Path data;
    static StoppableDynamoDb dynamo;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() throws Exception {
        dynamo = new StoppableDynamoDb(data);
        function = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint(),
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

    static Response attempt(PaymentIntent intent) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + Fixtures.token(function, intent) + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}"));
    }

    @Test
    void stoppedBeforeTheAttemptIsStoredIs503AndTheIntentIsUnchangedThenItSucceeds() throws Exception {
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        PaymentIntent before = stored(intent.id());

        FaultInjector.before(r -> r instanceof PutItemRequest put && put.tableName().equals(TABLES.intents()), dynamo::stop);
        long started = System.nanoTime();
        Response failed = attempt(intent);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(FaultInjector.fired(), "the outage happened mid-request");
        assertEquals(503, failed.status(), failed.body());
        assertEquals("1", failed.header("Retry-After"));
        JsonNode body = failed.json();
        assertEquals("service_unavailable", body.get("code").asText());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
        assertTrue(elapsedMs < 10_000, elapsedMs + " ms");
        System.out.println("outage mid-attempt: 503 in " + elapsedMs + " ms");

        dynamo.restart();
        PaymentIntent after = stored(intent.id());
        assertEquals(IntentStatus.PAYMENT_REQUIRED, after.status());
        assertEquals(List.of(), after.payments());
        assertEquals(before.version(), after.version(), "the intent was not written");

        // the locator entry of the attempt that was never stored reads as not found (what GET /payments/{id}/status
        // runs, in the payments function)
        var orphans = dynamo.client().scan(r -> r.tableName(TABLES.payments())).items().stream()
                .filter(item -> item.get("intentId").equals(AttributeValue.fromS(intent.id()))).toList();
        assertTrue(orphans.size() <= 1, orphans.toString());
        PaymentService payments = function.context().getBean(PaymentService.class);
        for (var orphan : orphans) {
            assertThrows(PaymentNotFoundException.class, () -> payments.payment(
                    Caller.server(merchant.merchantId(), Mode.SANDBOX), orphan.get("paymentId").s()));
        }

        Response recovered = attempt(intent);
        assertEquals(201, recovered.status(), recovered.body());
        assertEquals(1, stored(intent.id()).payments().size());
    }
}
