package io.cauri.store;

import io.cauri.payment.DebitClaim;
import io.cauri.payment.DebitClaims;
import io.cauri.time.Timestamps;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DebitClaims} in the idempotency table: its single-table pattern (a string {@value IdempotencyTableSchema#PK},
 * a TTL on {@value IdempotencyTableSchema#EXPIRES_AT} in epoch seconds) fits short-lived claims exactly, and the
 * attempt function already reads and writes it. A claim's {@code pk} is {@value #PREFIX} + its debit: an idempotency
 * key's starts with a merchant id, never empty, so the two never share an item. DynamoDB's TTL deletes expired
 * claims lazily; the condition treats them as absent at once.
 */
@Singleton
public class DynamoDebitClaims implements DebitClaims {
    static final String PREFIX = "#debit#";
    /** A claim loses only to one that holds the debit; if that one is gone when read, the claim tries again. */
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDebitClaims(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.idempotency();
    }

    @Override
    public Optional<DebitClaim> claim(DebitClaim claim, String replacing, Instant now) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", IdempotencyTableSchema.PK,
                "#expiresAt", IdempotencyTableSchema.EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
        String condition = "attribute_not_exists(#pk) OR #expiresAt <= :now";
        if (replacing != null) {
            names.put("#paymentId", "paymentId");
            values.put(":replacing", AttributeValue.fromS(replacing));
            condition += " OR #paymentId = :replacing";
        }
        String expression = condition;
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(item(claim)).conditionExpression(expression)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                Optional<DebitClaim> holder = read(claim).filter(h -> h.holdsAt(now));
                if (holder.isPresent() && holder.get().isHeldBy(claim.paymentId())) {
                    // the SDK retried this very claim after it had landed (its answer lost): it is ours
                    return Optional.empty();
                }
                if (holder.isPresent() && !holder.get().isHeldBy(replacing)) {
                    return holder;
                }
                if (attempt == ATTEMPTS) {
                    return Optional.of(unnamedHolder(claim)); // it changed hands on every try: held by someone
                }
            } catch (SdkException unknown) {
                // timed out or failed after the SDK's retries: the write may or may not have landed. Read it back.
                Optional<DebitClaim> holder;
                try {
                    holder = read(claim).filter(h -> h.holdsAt(now));
                } catch (SdkException unreadable) {
                    unknown.addSuppressed(unreadable);
                    throw unknown;
                }
                if (holder.isPresent() && holder.get().isHeldBy(claim.paymentId())) {
                    return Optional.empty();
                }
                if (holder.isPresent() && !holder.get().isHeldBy(replacing)) {
                    return holder;
                }
                throw unknown; // not there, as far as we can see: the attempt stops here (503), nothing stored
            }
        }
    }

    @Override
    public void release(DebitClaim claim) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(claim))
                    .conditionExpression("#paymentId = :paymentId")
                    .expressionAttributeNames(Map.of("#paymentId", "paymentId"))
                    .expressionAttributeValues(Map.of(":paymentId", AttributeValue.fromS(claim.paymentId()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // taken over meanwhile (ours was abandoned or expired): nothing of ours to delete
        }
    }

    private Optional<DebitClaim> read(DebitClaim claim) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(claim)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("paymentId")) {
            return Optional.empty();
        }
        return Optional.of(new DebitClaim(claim.merchantId(), claim.country(), claim.msisdn(), claim.amount(),
                claim.currency(), item.get("intentId").s(), item.get("paymentId").s(),
                Timestamps.parse(item.get("claimedAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(IdempotencyTableSchema.EXPIRES_AT).n()))));
    }

    private static Map<String, AttributeValue> key(DebitClaim claim) {
        return Map.of(IdempotencyTableSchema.PK, AttributeValue.fromS(PREFIX + claim.debit()));
    }

    /** Expiry rounded up to the second (the TTL's unit): a claim never holds for less than its window. */
    private static Map<String, AttributeValue> item(DebitClaim claim) {
        Instant expires = claim.expiresAt();
        long expiresAt = expires.getEpochSecond() + (expires.getNano() > 0 ? 1 : 0);
        return Map.of(
                IdempotencyTableSchema.PK, AttributeValue.fromS(PREFIX + claim.debit()),
                "intentId", AttributeValue.fromS(claim.intentId()),
                "paymentId", AttributeValue.fromS(claim.paymentId()),
                "claimedAt", AttributeValue.fromS(Timestamps.format(claim.claimedAt())),
                IdempotencyTableSchema.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
    }

    private static DebitClaim unnamedHolder(DebitClaim claim) {
        return new DebitClaim(claim.merchantId(), claim.country(), claim.msisdn(), claim.amount(), claim.currency(),
                null, null, claim.claimedAt(), claim.expiresAt());
    }
}
