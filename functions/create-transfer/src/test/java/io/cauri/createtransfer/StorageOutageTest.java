package io.cauri.createtransfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB going away under the real create-transfer handler: a DynamoDB Local of this test's own, with its data on
 * disk, is stopped in the middle of a request (after the merchant, its key and the number's blacklist were read,
 * just before the transfer and its reservation are written) and started again on the same port and data. The request
 * answers 503 service_unavailable with Retry-After, well within the Lambda's timeout; nothing of it is stored — no
 * transfer, no reservation, the available balance untouched; once DynamoDB is back the same function succeeds again.
 */
class StorageOutageTest {
    static final String LEDGER = TableNames.defaults().ledger();
    static final long FUNDS = 100_000;

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
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, FUNDS);
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
        ApiGatewayEvents event = ApiGatewayEvents.post("/transfers", AmbiguousCreateTest.BODY)
                .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
        if (idempotencyKey != null) {
            event.header("Idempotency-Key", idempotencyKey);
        }
        return function.handle(event);
    }

    static long available() {
        return MoneyOutFixtures.available(function, merchant, Mode.SANDBOX);
    }

    static void assertUnavailable(Response response, long elapsedMs) {
        assertEquals(503, response.status(), response.body());
        assertEquals("1", response.header("Retry-After"));
        JsonNode body = response.json();
        assertEquals(503, body.get("status").asInt());
        assertEquals("service_unavailable", body.get("code").asText());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
        assertEquals(body.get("request_id").asText(), response.header("Request-Id"));
        assertFalse(response.body().contains("Exception") || response.body().contains("127.0.0.1")
                || response.body().contains("00000001"), response.body());
        assertTrue(elapsedMs < 10_000, "answered after " + elapsedMs + " ms; the Lambda times out at 30 s");
    }

    @Test
    void stoppedBeforeTheTransferIsWrittenIs503AndStoresNothingThenRecovers() throws Exception {
        assertEquals(201, create(null).status());
        long items = dynamo.count(LEDGER);
        long before = available();

        FaultInjector.before(AmbiguousCreateTest::isTransferCreation, dynamo::stop);
        long started = System.nanoTime();
        Response failed = create(null);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(FaultInjector.fired(), "the outage happened mid-request");
        assertUnavailable(failed, elapsedMs);
        System.out.println("outage mid-transfer: 503 in " + elapsedMs + " ms");

        dynamo.restart();
        assertEquals(items, dynamo.count(LEDGER), "no transfer, journal or balance item written by the failed request");
        assertEquals(before, available(), "nothing reserved");
        Response recovered = create(null);
        assertEquals(201, recovered.status(), recovered.body());
        assertEquals(before - 2000, available());
    }

    @Test
    void unreachableFromTheStartIs503() throws Exception {
        long items = dynamo.count(LEDGER);
        long before = available();
        dynamo.stop();
        long started = System.nanoTime();
        Response failed = create(null);
        assertUnavailable(failed, (System.nanoTime() - started) / 1_000_000);

        dynamo.restart();
        assertEquals(items, dynamo.count(LEDGER));
        assertEquals(before, available());
        assertEquals(201, create(null).status());
    }

    @Test
    void anIdempotentRequestCutOffMidWayIsNeverRunTwice() throws Exception {
        String key = "outage-" + System.nanoTime();
        long before = available();
        FaultInjector.before(AmbiguousCreateTest::isTransferCreation, dynamo::stop);
        assertUnavailable(create(key), 0);

        dynamo.restart();
        assertEquals(before, available(), "nothing reserved by the cut-off request");
        // The claim could not be released while DynamoDB was down, so the key is held until its lock runs out
        // (409 meanwhile) — never a second transfer, never a replay of the 503.
        Response retry = create(key);
        assertTrue(retry.status() == 409 || retry.status() == 201, retry.status() + " " + retry.body());
        assertTrue(available() >= before - 2000, "at most one reservation");
    }
}
