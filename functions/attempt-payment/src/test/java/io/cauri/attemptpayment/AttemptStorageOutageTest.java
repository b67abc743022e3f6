package io.cauri.attemptpayment;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
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
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB stopped in the middle of an attempt — after the intent was read, just before the attempt is written
 * (the intent with its new payment and the payment's locator entry, one transaction): 503 with Retry-After, the
 * intent unchanged (still {@code payment_required}, no payment, same version), no locator entry, and once
 * DynamoDB is back the same attempt succeeds.
 */
class AttemptStorageOutageTest {
    static final TableNames TABLES = TableNames.defaults();

    @TempDir
    static Path data;
    static LocalDynamoDb dynamo;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.stoppable(data);
        function = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint(),
                "cauri.sandbox.payer-delay", "10m", "cauri.payments.provider-window", "10m"));
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

    static Response attempt(PaymentIntent intent) {
        return function.handle(ApiGatewayEvents.post("/payment-intents/" + intent.id() + "/payments",
                "{\"token\":\"" + Fixtures.token(function, intent) + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}"));
    }

    @Test
    void stoppedBeforeTheAttemptIsStoredIs503AndTheIntentIsUnchangedThenItSucceeds() throws Exception {
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        PaymentIntent before = stored(intent.id());

        FaultInjector.before(r -> r instanceof TransactWriteItemsRequest, dynamo::stop);
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

        assertEquals(List.of(), entriesOf(intent), "no locator entry for the attempt that was never stored");

        Response recovered = attempt(intent);
        assertEquals(201, recovered.status(), recovered.body());
        PaymentIntent paid = stored(intent.id());
        assertEquals(1, paid.payments().size());
        assertEquals(List.of(paid.payments().get(0).id()), entriesOf(intent).stream()
                .map(item -> item.get("paymentId").s()).toList(), "the stored attempt's payment has its entry");
    }

    static List<Map<String, AttributeValue>> entriesOf(PaymentIntent intent) {
        return dynamo.client().scan(r -> r.tableName(TABLES.payments()).consistentRead(true)).items().stream()
                .filter(item -> AttributeValue.fromS(intent.id()).equals(item.get("intentId"))).toList();
    }
}
