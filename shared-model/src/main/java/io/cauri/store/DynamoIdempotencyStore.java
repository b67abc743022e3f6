package io.cauri.store;

import io.cauri.merchant.Mode;
import io.cauri.idempotency.IdempotencyRecord;
import io.cauri.idempotency.IdempotencyStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on DynamoDB. A claim is one conditional PutItem: it succeeds only where no item
 * holds the key — none, an expired one (TTL deletes lazily) or an abandoned claim. Completing and
 * releasing are conditional on the claim still being the caller's ({@code claimId}).
 */
@Singleton
public class DynamoIdempotencyStore implements IdempotencyStore {

    /** A claim loses only to a record that holds the key; if that record vanishes before we read it, try again. */
    private static final int CLAIM_ATTEMPTS = 3;

    private static final Map<String, String> NAMES = Map.of(
            "#pk", IdempotencyTableSchema.PK,
            "#expiresAt", IdempotencyTableSchema.EXPIRES_AT,
            "#lockedUntil", IdempotencyTableSchema.LOCKED_UNTIL);
    private static final String CLAIMABLE =
            "attribute_not_exists(#pk) OR #expiresAt < :now OR #lockedUntil < :now";
    private static final String OWN_CLAIM = "#claimId = :claimId AND #state = :inProgress";

    private final DynamoDbTable<IdempotencyRecord> table;

    public DynamoIdempotencyStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = client.table(names.idempotency(), IdempotencyTableSchema.RECORD);
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim, Instant now) {
        if (claim.state() != IdempotencyRecord.State.IN_PROGRESS) {
            throw new IllegalArgumentException("only an IN_PROGRESS record is a claim");
        }
        Expression claimable = Expression.builder()
                .expression(CLAIMABLE)
                .expressionNames(NAMES)
                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                table.putItem(PutItemEnhancedRequest.builder(IdempotencyRecord.class)
                        .item(claim).conditionExpression(claimable).build());
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                Optional<IdempotencyRecord> holder = read(claim.merchantId(), claim.mode(), claim.intentId(), claim.key())
                        .filter(r -> r.holdsKey(now));
                if (holder.isPresent() && holder.get().state() == IdempotencyRecord.State.IN_PROGRESS
                        && holder.get().claimId().equals(claim.claimId())) {
                    // the SDK retried this very claim after it had landed (its answer lost): the retry failed its
                    // own condition, and the key is held by the caller, not by another request
                    return Optional.empty();
                }
                if (holder.isPresent()) {
                    return holder;
                }
                // released (or replaced) between our write and our read: the key may be free again
                if (attempt == CLAIM_ATTEMPTS) {
                    return Optional.of(stillBusy(claim));
                }
            }
        }
    }

    @Override
    public boolean complete(IdempotencyRecord completed) {
        if (completed.state() != IdempotencyRecord.State.COMPLETED) {
            throw new IllegalArgumentException("complete() stores a COMPLETED record");
        }
        try {
            table.putItem(PutItemEnhancedRequest.builder(IdempotencyRecord.class)
                    .item(completed).conditionExpression(ownClaim(completed)).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public boolean release(IdempotencyRecord claim) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(key(claim.merchantId(), claim.mode(), claim.intentId(), claim.key()))
                    .conditionExpression(ownClaim(claim)).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(String merchantId, Mode mode, String key, Instant now) {
        return find(merchantId, mode, null, key, now);
    }

    @Override
    public Optional<IdempotencyRecord> find(String merchantId, Mode mode, String intentId, String key, Instant now) {
        return read(merchantId, mode, intentId, key).filter(r -> !r.isExpired(now));
    }

    private Optional<IdempotencyRecord> read(String merchantId, Mode mode, String intentId, String key) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(merchantId, mode, intentId, key)).consistentRead(true)));
    }

    private static Expression ownClaim(IdempotencyRecord record) {
        return Expression.builder()
                .expression(OWN_CLAIM)
                .expressionNames(Map.of("#claimId", IdempotencyTableSchema.CLAIM_ID,
                        "#state", IdempotencyTableSchema.STATE))
                .expressionValues(Map.of(":claimId", AttributeValue.fromS(record.claimId()),
                        ":inProgress", AttributeValue.fromS(IdempotencyRecord.State.IN_PROGRESS.name())))
                .build();
    }

    private static Key key(String merchantId, Mode mode, String intentId, String key) {
        return Key.builder().partitionValue(IdempotencyTableSchema.pk(merchantId, mode, intentId, key)).build();
    }

    /** The key changed hands on every attempt: report it as held by a running request. */
    private static IdempotencyRecord stillBusy(IdempotencyRecord claim) {
        return new IdempotencyRecord(claim.merchantId(), claim.mode(), claim.intentId(), claim.key(), claim.fingerprint(),
                IdempotencyRecord.State.IN_PROGRESS, "unknown", claim.createdAt(), claim.lockedUntil(),
                claim.expiresAt(), null);
    }
}

