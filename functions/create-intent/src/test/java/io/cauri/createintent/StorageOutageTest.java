package io.cauri.createintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB going away under the real create-intent handler: a DynamoDB Local of this test's own, with its data
 * on disk, is stopped in the middle of a request (after the merchant was read, just before the intent is
 * written) and started again on the same port and data. The request answers 503 with Retry-After and the
 * HUB2 error body, well within the Lambda's timeout; nothing of it is stored; once DynamoDB is back the same
 * function (same warm client) succeeds again.
 */
class StorageOutageTest {
    static final String INTENTS = TableNames.defaults().intents();
    static final String CREATE = "{\"customerReference\":\"c1\",\"purchaseReference\":\"o1\",\"amount\":1000,\"currency\":\"XOF\"}";

    @TempDir
    static Path data;
    static LocalDynamoDb dynamo;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.stoppable(data);
        function = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint()));
        merchant = TestMerchants.fresh(dynamo.client());
    }

    @AfterAll
    static void stop() {
        function.close();
        dynamo.close();
    }

    @AfterEach
    void back() throws Exception {
        FaultInjector.disarm();
        dynamo.restart();
    }

    static Response create(String idempotencyKey) {
        ApiGatewayEvents event = ApiGatewayEvents.post("/payment-intents", CREATE)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
        if (idempotencyKey != null) {
            event.header("Idempotency-Key", idempotencyKey);
        }
        return function.handle(event);
    }

    static void assertUnavailable(Response response, long elapsedMs) {
        assertEquals(503, response.status(), response.body());
        assertEquals("1", response.header("Retry-After"));
        JsonNode body = response.json();
        assertEquals(503, body.get("status").asInt());
        assertEquals("service_unavailable", body.get("code").asText());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
        assertEquals(body.get("request_id").asText(), response.header("Request-Id"));
        assertFalse(response.body().contains("Exception") || response.body().contains("127.0.0.1"), response.body());
        assertTrue(elapsedMs < 10_000, "answered after " + elapsedMs + " ms; the Lambda times out at 30 s");
    }

    @Test
    void stoppedBeforeTheIntentIsWrittenIs503AndStoresNothingThenRecovers() throws Exception {
        assertEquals(201, create(null).status());
        long before = dynamo.count(INTENTS);

        FaultInjector.before(r -> r instanceof PutItemRequest put && put.tableName().equals(INTENTS), dynamo::stop);
        long started = System.nanoTime();
        Response failed = create(null);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(FaultInjector.fired(), "the outage happened mid-request");
        assertUnavailable(failed, elapsedMs);
        System.out.println("outage mid-create: 503 in " + elapsedMs + " ms");

        dynamo.restart();
        assertEquals(before, dynamo.count(INTENTS), "no intent was stored by the failed request");
        Response recovered = create(null);
        assertEquals(201, recovered.status(), recovered.body());
        assertEquals(before + 1, dynamo.count(INTENTS));
    }

    @Test
    void unreachableFromTheStartIs503() throws Exception {
        long before = dynamo.count(INTENTS);
        dynamo.stop();
        long started = System.nanoTime();
        Response failed = create(null);
        assertUnavailable(failed, (System.nanoTime() - started) / 1_000_000);

        dynamo.restart();
        assertEquals(before, dynamo.count(INTENTS));
        assertEquals(201, create(null).status());
    }

    @Test
    void anIdempotentRequestCutOffMidWayCanBeRetriedWithTheSameKey() throws Exception {
        String key = "outage-" + System.nanoTime();
        long before = dynamo.count(INTENTS);
        FaultInjector.before(r -> r instanceof PutItemRequest put && put.tableName().equals(INTENTS), dynamo::stop);
        assertUnavailable(create(key), 0);

        dynamo.restart();
        assertEquals(before, dynamo.count(INTENTS));
        // The claim could not be released while DynamoDB was down, so the key is held until its lock runs out
        // (409 meanwhile) — never a second intent, never a replay of the 503.
        Response retry = create(key);
        assertTrue(retry.status() == 409 || retry.status() == 201, retry.status() + " " + retry.body());
        assertTrue(dynamo.count(INTENTS) <= before + 1);
    }
}
