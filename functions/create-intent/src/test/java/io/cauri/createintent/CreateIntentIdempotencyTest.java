package io.cauri.createintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.IntentRepository;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import io.cauri.idempotency.IdempotencyRecord;
import io.cauri.idempotency.IdempotencyStore;
import io.cauri.web.idempotency.IdempotentRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.cauri.createintent.CreateIntentFunctionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Idempotency-Key} on POST /payment-intents (docs/CONTRACT.md §1, Stripe semantics), through the real Lambda
 * handler against DynamoDB Local: the stored keys are the real table's items, claimed and completed by
 * the real store.
 */
class CreateIntentIdempotencyTest {

    private static final String VALID = """
            {"customerReference":"cust_01924059","purchaseReference":"ref_2020_11_10_001","amount":100,"currency":"XOF"}""";
    private static final String OTHER_AMOUNT = VALID.replace("\"amount\":100", "\"amount\":200");

    static LocalFunction function;
    static IdempotencyStore store;

    TestMerchants.Credentials merchant;
    String key;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        store = function.context().getBean(IdempotencyStore.class);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @BeforeEach
    void freshMerchantAndKey() {
        merchant = TestMerchants.fresh(); // counts below are per merchant: tests share the tables
        key = UUID.randomUUID().toString();
    }

    private Response post(String idempotencyKey, String body) {
        return post(function, merchant, Mode.SANDBOX, idempotencyKey, body);
    }

    private static Response post(LocalFunction via, TestMerchants.Credentials who, Mode mode, String idempotencyKey,
                                 String body) {
        ApiGatewayEvents event = ApiGatewayEvents.post("/payment-intents", body)
                .auth(who.merchantId(), who.key(mode), mode.wire());
        if (idempotencyKey != null) {
            event.header(IdempotentRequests.HEADER, idempotencyKey);
        }
        return via.handle(event);
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstAnswerByteForByteAndCreatesOneIntent() {
        Response first = post(key, VALID);
        Response second = post(key, VALID);

        assertEquals(201, first.status(), first.body());
        assertNull(first.header(IdempotentRequests.REPLAYED_HEADER));
        JsonNode intent = first.json();
        assertTrue(intent.get("id").asText().matches("pi_[A-Za-z0-9_-]{21}"), first.body());
        assertEquals(100, intent.get("amount").asLong());
        assertEquals("payment_required", intent.get("status").asText());

        assertEquals(201, second.status(), second.body());
        assertEquals("true", second.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(first.body(), second.body(), "the replay is the first body, byte for byte");
        assertTrue(second.json().isObject(), "the stored JSON is sent as JSON, not re-quoted as a string");
        assertEquals(first.header("Content-Type"), second.header("Content-Type"));
        assertTrue(second.header("Content-Type").startsWith("application/json"), second.header("Content-Type"));

        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
        IdempotencyRecord kept = store.find(merchant.merchantId(), Mode.SANDBOX, key, Instant.now()).orElseThrow();
        assertEquals(IdempotencyRecord.State.COMPLETED, kept.state());
        assertEquals(201, kept.response().status());
        assertEquals(first.body(), kept.response().body());
        assertEquals(IdempotentRequests.fingerprint("POST", "/payment-intents", VALID), kept.fingerprint());
    }

    @Test
    void aKeyedAnswerHasTheSameShapeAsAnUnkeyedOne() {
        JsonNode keyed = post(key, VALID).json();
        JsonNode plain = post(null, VALID).json();
        assertEquals(fieldNames(plain), fieldNames(keyed));
        for (String field : List.of("merchantId", "purchaseReference", "customerReference", "status", "amount",
                "currency", "mode", "payments")) {
            assertEquals(plain.get(field), keyed.get(field), field);
        }
    }

    @Test
    void everyReplayIsTheSameAnswer() {
        Response first = post(key, VALID);
        for (int i = 0; i < 3; i++) {
            Response again = post(key, VALID);
            assertEquals(201, again.status());
            assertEquals(first.body(), again.body());
            assertEquals("true", again.header(IdempotentRequests.REPLAYED_HEADER));
        }
        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndWritesNothing() {
        Response first = post(key, VALID);
        assertEquals(201, first.status(), first.body());

        Response reused = post(key, OTHER_AMOUNT);
        assertError(reused, 422, "idempotency_key_reused");
        assertEquals("Idempotency-Key", reused.json().get("param").asText());
        assertTrue(reused.json().get("message").asText().contains("different parameters"), reused.body());
        assertNull(reused.header(IdempotentRequests.REPLAYED_HEADER));

        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
        IdempotencyRecord kept = store.find(merchant.merchantId(), Mode.SANDBOX, key, Instant.now()).orElseThrow();
        assertEquals(first.body(), kept.response().body(), "the first answer is still the one kept");
        assertEquals(first.body(), post(key, VALID).body(), "and still replayed for the first body");
    }

    @Test
    void theRawBodyIsTheFingerprintEvenWhenTheJsonMeansTheSame() {
        assertEquals(201, post(key, VALID).status());
        assertError(post(key, VALID.replace(",", ", ")), 422, "idempotency_key_reused");
    }

    @Test
    void aKeyWhoseFirstRequestIsStillRunningIs409() {
        Instant now = Instant.now();
        IdempotencyRecord running = IdempotencyRecord.claim(merchant.merchantId(), Mode.SANDBOX, key,
                IdempotentRequests.fingerprint("POST", "/payment-intents", VALID), "claim-of-another-request", now,
                Duration.ofSeconds(60), IdempotentRequests.RETENTION);
        assertTrue(store.claim(running, now).isEmpty(), "the other request holds the key");

        Response response = post(key, VALID);
        assertError(response, 409, "idempotency_key_in_use");
        assertEquals("Idempotency-Key", response.json().get("param").asText());
        assertEquals(0, intentsOf(merchant, Mode.SANDBOX));
        assertEquals(running, store.find(merchant.merchantId(), Mode.SANDBOX, key, now).orElseThrow(),
                "the claim is untouched");

        assertError(post(key, OTHER_AMOUNT), 422, "idempotency_key_reused"); // another body: reused, even in flight

        assertTrue(store.release(running));
        Response afterRelease = post(key, VALID);
        assertEquals(201, afterRelease.status(), afterRelease.body());
        assertNull(afterRelease.header(IdempotentRequests.REPLAYED_HEADER));
    }

    /**
     * Ten requests with one key at once, over two warm containers: one creates the intent, the others get its
     * replay (same id) or 409 while it runs — never a second intent.
     */
    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneIntent() throws Exception {
        int requests = 10;
        try (LocalFunction secondContainer = new LocalFunction()) {
            List<LocalFunction> containers = List.of(function, secondContainer);
            ExecutorService pool = Executors.newFixedThreadPool(requests);
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                LocalFunction via = containers.get(i % containers.size());
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return post(via, merchant, Mode.SANDBOX, key, VALID);
                }));
            }
            ready.await();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            pool.shutdown();

            assertEquals(1, intentsOf(merchant, Mode.SANDBOX), "exactly one intent");
            List<Response> created = responses.stream().filter(r -> r.status() == 201).toList();
            List<Response> originals = created.stream()
                    .filter(r -> r.header(IdempotentRequests.REPLAYED_HEADER) == null).toList();
            assertEquals(1, originals.size(), "one original answer");
            for (Response r : created) {
                assertEquals(originals.get(0).body(), r.body());
            }
            for (Response r : responses) {
                if (r.status() != 201) {
                    assertError(r, 409, "idempotency_key_in_use");
                }
            }
            String summary = responses.stream().map(r -> r.status() + (r.header(IdempotentRequests.REPLAYED_HEADER)
                    == null ? "" : "r")).collect(Collectors.joining(" "));
            System.out.println("concurrent answers: " + summary);
        }
    }

    @Test
    void aFailedFirstAttemptReleasesTheKey() {
        Response invalid = post(key, VALID.replace("\"amount\":100", "\"amount\":0"));
        assertError(invalid, 400, "invalid_parameter");
        assertEquals("amount", invalid.json().get("param").asText());
        assertTrue(store.find(merchant.merchantId(), Mode.SANDBOX, key, Instant.now()).isEmpty(), "released");

        Response corrected = post(key, VALID);
        assertEquals(201, corrected.status(), corrected.body());
        assertNull(corrected.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
    }

    @Test
    void malformedJsonReleasesTheKeyToo() {
        assertError(post(key, "{\"amount\":"), 400, "invalid_json");
        assertEquals(201, post(key, VALID).status());
    }

    @Test
    void authenticationComesFirstAndLeavesTheKeyAlone() {
        Response response = function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                .auth(merchant.merchantId(), merchant.sandboxKey() + "x", "sandbox")
                .header(IdempotentRequests.HEADER, "k".repeat(300)));
        assertError(response, 401, "unauthorized"); // not the 400 the key would get
        assertEquals(0, idempotencyRecordsOf(merchant));
    }

    @Test
    void keysAreScopedToMerchantAndMode() {
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response sandbox = post(key, VALID);
        Response otherMerchant = post(function, other, Mode.SANDBOX, key, VALID);
        Response live = post(function, merchant, Mode.LIVE, key, VALID);

        for (Response r : List.of(sandbox, otherMerchant, live)) {
            assertEquals(201, r.status(), r.body());
            assertNull(r.header(IdempotentRequests.REPLAYED_HEADER));
        }
        assertEquals(3, Set.of(id(sandbox), id(otherMerchant), id(live)).size());
        assertEquals(other.merchantId(), otherMerchant.json().get("merchantId").asText());
        assertEquals("live", live.json().get("mode").asText());
        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
        assertEquals(1, intentsOf(merchant, Mode.LIVE));
        assertEquals(1, intentsOf(other, Mode.SANDBOX));

        assertEquals(id(live), id(post(function, merchant, Mode.LIVE, key, VALID)), "each scope replays its own");
    }

    @Test
    void aKeyOfMoreThan255CharactersIs400() {
        Response response = post("k".repeat(256), VALID);
        assertError(response, 400, "invalid_parameter");
        assertEquals("Idempotency-Key", response.json().get("param").asText());
        assertEquals(0, intentsOf(merchant, Mode.SANDBOX));
        assertEquals(0, idempotencyRecordsOf(merchant));

        assertEquals(201, post("k".repeat(255), VALID).status());
    }

    /**
     * Not here: values with leading/trailing blanks or control characters. HTTP strips the blanks around a
     * field value and forbids control characters, and Micronaut's request headers reject both for every
     * header before any controller runs (a direct Lambda invocation with one gets Micronaut's 500).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "clé-1", "tab\there", "emoji-\uD83D\uDE00"})
    void aKeyThatIsNotPrintableAsciiIs400(String badKey) {
        Response response = post(badKey, VALID);
        assertError(response, 400, "invalid_parameter");
        assertEquals("Idempotency-Key", response.json().get("param").asText());
        assertEquals(0, idempotencyRecordsOf(merchant));
    }

    @Test
    void withoutAKeyEveryRequestCreatesAndNothingIsKept() {
        Response first = post(null, VALID);
        Response second = post(null, VALID);
        assertEquals(201, first.status());
        assertEquals(201, second.status());
        assertNotEquals(id(first), id(second));
        assertNull(second.header(IdempotentRequests.REPLAYED_HEADER));
        assertEquals(2, intentsOf(merchant, Mode.SANDBOX));
        assertEquals(0, idempotencyRecordsOf(merchant));
    }

    @Test
    void aKeyIsKept24HoursInTheTtlAttribute() {
        Instant before = Instant.now();
        assertEquals(201, post(key, VALID).status());
        Instant after = Instant.now();

        IdempotencyRecord kept = store.find(merchant.merchantId(), Mode.SANDBOX, key, after).orElseThrow();
        assertFalse(kept.expiresAt().isBefore(before.plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS)));
        assertFalse(kept.expiresAt().isAfter(after.plus(Duration.ofHours(24))));
        assertNull(kept.lockedUntil(), "a completed key has no lock");

        // DynamoDB's TTL needs a Number of epoch seconds in the attribute the table names
        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(r -> r
                .tableName(tables().idempotency())
                .key(Map.of("pk", AttributeValue.fromS(merchant.merchantId() + "#SANDBOX#" + key)))).item();
        assertEquals(kept.expiresAt().getEpochSecond(), Long.parseLong(item.get("expiresAt").n()));
        var ttl = DynamoDbLocal.shared().client().describeTimeToLive(r -> r.tableName(tables().idempotency()))
                .timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void anExpiredKeyIsIgnoredEvenBeforeTtlDeletesIt() {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofHours(48));
        IdempotencyRecord old = IdempotencyRecord.claim(merchant.merchantId(), Mode.SANDBOX, key,
                IdempotentRequests.fingerprint("POST", "/payment-intents", VALID), "old-claim", twoDaysAgo,
                Duration.ofSeconds(60), IdempotentRequests.RETENTION);
        assertTrue(store.claim(old, twoDaysAgo).isEmpty());
        assertTrue(store.complete(old.completed(new IdempotencyRecord.StoredResponse(201,
                "{\"id\":\"pi_expiredexpiredexpired\"}", Map.of("Content-Type", "application/json")))));

        Response response = post(key, VALID);
        assertEquals(201, response.status(), response.body());
        assertNull(response.header(IdempotentRequests.REPLAYED_HEADER));
        assertNotEquals("pi_expiredexpiredexpired", id(response));
        assertEquals(1, intentsOf(merchant, Mode.SANDBOX));
        assertEquals(response.body(), store.find(merchant.merchantId(), Mode.SANDBOX, key, Instant.now())
                .orElseThrow().response().body(), "the new answer replaced the expired one");
    }

    @Test
    void aClaimWhoseRequestDiedIsTakenOverOnceItsLockRunsOut() {
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        IdempotencyRecord dead = IdempotencyRecord.claim(merchant.merchantId(), Mode.SANDBOX, key,
                IdempotentRequests.fingerprint("POST", "/payment-intents", VALID), "claim-of-a-dead-request",
                twoMinutesAgo, Duration.ofSeconds(60), IdempotentRequests.RETENTION);
        assertTrue(store.claim(dead, twoMinutesAgo).isEmpty());

        Response response = post(key, VALID);
        assertEquals(201, response.status(), response.body());
        assertNull(response.header(IdempotentRequests.REPLAYED_HEADER));
        assertFalse(store.complete(dead.completed(new IdempotencyRecord.StoredResponse(201, "{}", Map.of()))),
                "the dead claimant can no longer write");
        assertEquals(response.body(), post(key, VALID).body());
    }

    private static String id(Response response) {
        return response.json().get("id").asText();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long intentsOf(TestMerchants.Credentials who, Mode mode) {
        Instant now = Instant.now();
        return function.context().getBean(IntentRepository.class).list(new IntentRepository.Query(who.merchantId(),
                mode, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), null, null, 1, 100)).total();
    }

    private static int idempotencyRecordsOf(TestMerchants.Credentials who) {
        return DynamoDbLocal.shared().client().scan(r -> r.tableName(tables().idempotency())
                .filterExpression("merchantId = :m")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(who.merchantId())))
                .consistentRead(true)).count();
    }

    private static TableNames tables() {
        return TableNames.defaults();
    }
}
