package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.idempotency.IdempotencyRecord;
import io.cauri.idempotency.IdempotencyRecord.StoredResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditional writes of {@link DynamoIdempotencyStore}, on DynamoDB Local. */
class DynamoIdempotencyStoreTest {

    private static final Duration LOCK = Duration.ofSeconds(60);
    private static final Duration KEEP = Duration.ofHours(24);
    private static final StoredResponse CREATED = new StoredResponse(201, "{\"id\":\"pi_1\",\"amount\":100}",
            Map.of("Content-Type", "application/json", "Location", "/payment-intents/pi_1"));

    private final DynamoIdempotencyStore store = new DynamoIdempotencyStore(DynamoDbEnhancedClient.builder()
            .dynamoDbClient(DynamoDbLocal.shared().client()).build(), TableNames.defaults());

    private String merchant;
    private Instant now;

    @BeforeEach
    void fresh() {
        merchant = Ids.next("m_");
        now = Instant.now();
    }

    private IdempotencyRecord claim(String key, String claimId, Instant at) {
        return IdempotencyRecord.claim(merchant, Mode.SANDBOX, key, "fp-1", claimId, at, LOCK, KEEP);
    }

    @Test
    void aFreeKeyIsClaimedAndStoredWithItsLockAndExpiry() {
        IdempotencyRecord mine = claim("k1", "me", now);
        assertEquals(Optional.empty(), store.claim(mine, now));

        IdempotencyRecord stored = store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow();
        assertEquals(mine, stored);
        assertEquals(IdempotencyRecord.State.IN_PROGRESS, stored.state());
        assertEquals(now.getEpochSecond() + 60, stored.lockedUntil().getEpochSecond());
        assertEquals(now.getEpochSecond() + 24 * 3600, stored.expiresAt().getEpochSecond());
    }

    @Test
    void aHeldKeyIsNotClaimedAgainAndTheHolderIsReturned() {
        IdempotencyRecord first = claim("k1", "first", now);
        store.claim(first, now);

        assertEquals(Optional.of(first), store.claim(claim("k1", "second", now), now));
        store.complete(first.completed(CREATED));
        assertEquals(Optional.of(first.completed(CREATED)), store.claim(claim("k1", "third", now), now));
        assertEquals("first", store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow().claimId());
    }

    /**
     * The SDK retries a claim whose answer it lost; if the first try had landed, the retry fails its own condition
     * and reads back a record holding the key: this claimant's own (its claimId). The key is held by the caller,
     * not by another request (which would answer "in progress" and leave the key locked by nobody's work).
     * Sending the very request before the store's own call makes that call the retry.
     */
    @Test
    void aClaimWhoseAnswerWasLostIsHeldByItsClaimant() {
        String claimId = Ids.next("claim_");
        IdempotencyRecord mine = claim("k1", claimId, now);
        FaultInjector.beforeRequest(r -> r instanceof PutItemRequest put
                        && TableNames.defaults().idempotency().equals(put.tableName())
                        && put.item().containsKey(IdempotencyTableSchema.CLAIM_ID)
                        && claimId.equals(put.item().get(IdempotencyTableSchema.CLAIM_ID).s()),
                request -> DynamoDbLocal.shared().client().putItem((PutItemRequest) request));
        try {
            assertEquals(Optional.empty(), store.claim(mine, now), "the caller holds the key");
            assertTrue(FaultInjector.fired(), "the claim landed before the store's own call");
        } finally {
            FaultInjector.disarm();
        }
        assertTrue(store.complete(mine.completed(CREATED)), "and completes it");
        assertEquals(Optional.of(mine.completed(CREATED)), store.claim(claim("k1", "other", now), now));
    }

    @Test
    void completingKeepsTheResponseAndDropsTheLock() {
        IdempotencyRecord mine = claim("k1", "me", now);
        store.claim(mine, now);
        assertTrue(store.complete(mine.completed(CREATED)));

        IdempotencyRecord kept = store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow();
        assertEquals(IdempotencyRecord.State.COMPLETED, kept.state());
        assertEquals(CREATED, kept.response());
        assertNull(kept.lockedUntil());
        assertEquals(mine.expiresAt(), kept.expiresAt());

        Map<String, AttributeValue> item = DynamoDbLocal.shared().client().getItem(r -> r
                .tableName(TableNames.defaults().idempotency())
                .key(Map.of("pk", AttributeValue.fromS(merchant + "#SANDBOX#k1")))).item();
        assertEquals(String.valueOf(mine.expiresAt().getEpochSecond()), item.get("expiresAt").n(), "TTL: a Number");
        assertFalse(item.containsKey("lockedUntil"));
    }

    @Test
    void onlyTheClaimantCompletesOrReleases() {
        IdempotencyRecord mine = claim("k1", "me", now);
        store.claim(mine, now);
        IdempotencyRecord impostor = claim("k1", "someone-else", now);

        assertFalse(store.complete(impostor.completed(CREATED)));
        assertFalse(store.release(impostor));
        assertEquals(mine, store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow());

        assertTrue(store.release(mine));
        assertTrue(store.find(merchant, Mode.SANDBOX, "k1", now).isEmpty());
        assertFalse(store.release(mine), "already released");
        assertFalse(store.complete(mine.completed(CREATED)), "a released claim cannot be completed");
    }

    @Test
    void aCompletedRecordIsNeitherReleasedNorCompletedAgain() {
        IdempotencyRecord mine = claim("k1", "me", now);
        store.claim(mine, now);
        store.complete(mine.completed(CREATED));

        assertFalse(store.release(mine));
        assertFalse(store.complete(mine.completed(new StoredResponse(201, "{}", Map.of()))));
        assertEquals(CREATED, store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow().response());
    }

    @Test
    void anExpiredRecordCountsAsAbsent() {
        Instant twoDaysAgo = now.minus(Duration.ofHours(48));
        IdempotencyRecord old = claim("k1", "old", twoDaysAgo);
        store.claim(old, twoDaysAgo);
        store.complete(old.completed(CREATED));

        assertTrue(store.find(merchant, Mode.SANDBOX, "k1", now).isEmpty(), "still stored, but expired");
        IdempotencyRecord fresh = claim("k1", "new", now);
        assertEquals(Optional.empty(), store.claim(fresh, now));
        assertEquals(fresh, store.find(merchant, Mode.SANDBOX, "k1", now).orElseThrow());
    }

    @Test
    void aClaimIsTakenOverOnlyAfterItsLockRanOut() {
        IdempotencyRecord running = claim("k1", "running", now.minusSeconds(59));
        store.claim(running, now.minusSeconds(59));
        assertEquals(Optional.of(running), store.claim(claim("k1", "early", now), now), "lock still held");

        Instant later = now.plusSeconds(5); // the lock (59 s ago + 60 s) has run out
        IdempotencyRecord takeover = claim("k1", "takeover", later);
        assertEquals(Optional.empty(), store.claim(takeover, later));
        assertFalse(store.complete(running.completed(CREATED)), "the dead claimant lost the key");
        assertTrue(store.complete(takeover.completed(CREATED)));
    }

    @Test
    void aCompletedRecordIsNotTakenOverWhateverItsAge() {
        Instant anHourAgo = now.minus(Duration.ofHours(1));
        IdempotencyRecord done = claim("k1", "done", anHourAgo);
        store.claim(done, anHourAgo);
        store.complete(done.completed(CREATED));

        assertEquals(Optional.of(done.completed(CREATED)), store.claim(claim("k1", "late", now), now));
    }

    @Test
    void keysAreScopedByMerchantAndMode() {
        store.claim(claim("k1", "sandbox", now), now);
        IdempotencyRecord live = IdempotencyRecord.claim(merchant, Mode.LIVE, "k1", "fp-1", "live", now, LOCK, KEEP);
        IdempotencyRecord otherMerchant = IdempotencyRecord.claim(Ids.next("m_"), Mode.SANDBOX, "k1", "fp-1", "other",
                now, LOCK, KEEP);
        assertEquals(Optional.empty(), store.claim(live, now));
        assertEquals(Optional.empty(), store.claim(otherMerchant, now));
    }
}
