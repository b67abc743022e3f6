package io.cauri.store;

import io.cauri.ratelimit.RateLimitWindows;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RateLimitWindows} on DynamoDB (low-level client: these items are a counter and a flag, nothing to
 * map). A hit is one UpdateItem {@code ADD hits :one} — atomic, unconditional — returning the new count;
 * every item carries a TTL attribute ({@value #EXPIRES_AT}, epoch seconds) so windows and bans clean up.
 */
@Singleton
public class DynamoRateLimitWindows implements RateLimitWindows {
    public static final String PK = "pk";
    public static final String HITS = "hits";
    public static final String IDLE = "idlePolling";
    public static final String BANNED_UNTIL = "bannedUntil";
    public static final String EXPIRES_AT = "expiresAt";

    private static final AttributeValue ONE = AttributeValue.fromN("1");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimitWindows(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.rateLimits();
    }

    @Override
    public Count hit(String key, Instant expiresAt) {
        Map<String, AttributeValue> item = dynamo.updateItem(r -> r
                .tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(key)))
                .updateExpression("ADD #hits :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)")
                .expressionAttributeNames(Map.of("#hits", HITS, "#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", ONE, ":expiresAt", epochSeconds(expiresAt)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        AttributeValue idle = item.get(IDLE);
        return new Count(Long.parseLong(item.get(HITS).n()), idle != null && Boolean.TRUE.equals(idle.bool()));
    }

    @Override
    public void markIdlePolling(String key, Instant expiresAt) {
        dynamo.updateItem(r -> r
                .tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(key)))
                .updateExpression("SET #idle = :true, #expiresAt = if_not_exists(#expiresAt, :expiresAt)")
                .expressionAttributeNames(Map.of("#idle", IDLE, "#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true),
                        ":expiresAt", epochSeconds(expiresAt))));
    }

    @Override
    public Optional<Instant> bannedUntil(String key, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r
                .tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(key)))
                .projectionExpression("#until")
                .expressionAttributeNames(Map.of("#until", BANNED_UNTIL))).item();
        if (item == null || item.get(BANNED_UNTIL) == null) {
            return Optional.empty();
        }
        // TTL deletes lazily: an expired ban may still be there
        Instant until = Instant.ofEpochMilli(Long.parseLong(item.get(BANNED_UNTIL).n()));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    @Override
    public void ban(String key, Instant until) {
        dynamo.putItem(r -> r
                .tableName(table)
                .item(Map.of(PK, AttributeValue.fromS(key),
                        BANNED_UNTIL, AttributeValue.fromN(Long.toString(until.toEpochMilli())),
                        EXPIRES_AT, epochSeconds(until.plusSeconds(60)))));
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
