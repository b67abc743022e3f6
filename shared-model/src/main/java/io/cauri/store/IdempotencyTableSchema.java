package io.cauri.store;

import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import io.cauri.idempotency.IdempotencyRecord;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.time.Instant;
import java.util.Map;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

/**
 * How an idempotency key is stored: one item per merchant, mode and key ({@value #PK} =
 * {@code merchantId#MODE#key}; a client token's key {@code merchantId#MODE@intentId#key}), the response flattened into {@code status}, {@code body} and
 * {@code headers}. {@value #EXPIRES_AT} (epoch seconds, a Number) is the table's TTL attribute.
 */
public final class IdempotencyTableSchema {
    public static final String PK = "pk";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String LOCKED_UNTIL = "lockedUntil";
    public static final String CLAIM_ID = "claimId";
    public static final String STATE = "state";

    public static final TableSchema<IdempotencyRecord> RECORD = RecordSchema.of(IdempotencyRecord.class,
                    IdempotencyTableSchema::read)
            .add(String.class, PK, r -> pk(r.merchantId(), r.mode(), r.intentId(), r.key()), primaryPartitionKey())
            .add(String.class, "merchantId", IdempotencyRecord::merchantId)
            .add(String.class, "mode", r -> r.mode().name())
            .add(String.class, "intentId", IdempotencyRecord::intentId)
            .add(String.class, "idempotencyKey", IdempotencyRecord::key)
            .add(String.class, "fingerprint", IdempotencyRecord::fingerprint)
            .add(String.class, STATE, r -> r.state().name())
            .add(String.class, CLAIM_ID, IdempotencyRecord::claimId)
            .add(String.class, "createdAt", r -> Timestamps.format(r.createdAt()))
            .add(Long.class, LOCKED_UNTIL, r -> epochSeconds(r.lockedUntil()))
            .add(Long.class, EXPIRES_AT, r -> epochSeconds(r.expiresAt()))
            .add(Integer.class, "status", r -> r.response() == null ? null : r.response().status())
            .add(String.class, "body", r -> r.response() == null ? null : r.response().body())
            .add(EnhancedType.mapOf(String.class, String.class), "headers",
                    r -> r.response() == null ? null : r.response().headers())
            .build();

    private IdempotencyTableSchema() {
    }

    /** The key is the client's text, bounded (255 printable ASCII) before it gets here. */
    public static String pk(String merchantId, Mode mode, String key) {
        return pk(merchantId, mode, null, key);
    }

    /**
     * An intent's key space is its merchant's and mode's plus {@code @intentId}: neither a merchant id, a mode
     * nor an intent id holds {@code @} or {@code #}, so a merchant's key and an intent's never share an item.
     */
    public static String pk(String merchantId, Mode mode, String intentId, String key) {
        return merchantId + "#" + mode.name() + (intentId == null ? "" : "@" + intentId) + "#" + key;
    }

    private static IdempotencyRecord read(AttributeBag b) {
        Integer status = b.get("status");
        Map<String, String> headers = b.get("headers");
        return new IdempotencyRecord(b.get("merchantId"), Mode.valueOf(b.get("mode")), b.get("intentId"),
                b.get("idempotencyKey"),
                b.get("fingerprint"), IdempotencyRecord.State.valueOf(b.get(STATE)), b.get(CLAIM_ID),
                Timestamps.parse(b.get("createdAt")), instant(b.get(LOCKED_UNTIL)), instant(b.get(EXPIRES_AT)),
                status == null ? null : new IdempotencyRecord.StoredResponse(status, b.get("body"), headers));
    }

    private static Long epochSeconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
