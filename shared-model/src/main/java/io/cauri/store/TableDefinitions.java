package io.cauri.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the tables in a DynamoDB that has none (DynamoDB Local for tests and local-api). In AWS the
 * same definitions live in template.yaml; TemplateTest checks the two agree.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    public static void createAll(DynamoDbClient dynamo, TableNames names) {
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.intents())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string("id"), string(IntentTableSchema.MERCHANT_MODE), string(IntentTableSchema.CREATED_AT),
                        string(IntentTableSchema.UNPAID_SHARD), string(IntentTableSchema.EXPIRES_AT))
                .keySchema(key("id", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(IntentTableSchema.BY_MERCHANT)
                        .keySchema(key(IntentTableSchema.MERCHANT_MODE, KeyType.HASH),
                                key(IntentTableSchema.CREATED_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build(), GlobalSecondaryIndex.builder()
                        .indexName(IntentTableSchema.UNPAID_BY_EXPIRY)
                        .keySchema(key(IntentTableSchema.UNPAID_SHARD, KeyType.HASH),
                                key(IntentTableSchema.EXPIRES_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))));
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.merchants())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("id"))
                .keySchema(key("id", KeyType.HASH))));
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.customers())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk"))
                .keySchema(key("pk", KeyType.HASH))));
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.payments())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("paymentId"))
                .keySchema(key("paymentId", KeyType.HASH))));
        boolean created = create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.idempotency())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(IdempotencyTableSchema.PK))
                .keySchema(key(IdempotencyTableSchema.PK, KeyType.HASH))));
        if (created) {
            // DynamoDB deletes expired keys lazily (within days); the code treats them as absent at once.
            dynamo.updateTimeToLive(t -> t.tableName(names.idempotency())
                    .timeToLiveSpecification(s -> s.attributeName(IdempotencyTableSchema.EXPIRES_AT).enabled(true)));
        }
        createWebhookTables(dynamo, names);
        createRateLimitTable(dynamo, names);
        createLedgerTable(dynamo, names);
    }

    /**
     * The books, refunds and transfers: one partition per merchant and mode, the journal in time order by a local
     * index, the pending transfers and refunds of all merchants by a sparse global one (the sweep's); its stream
     * carries refund and transfer changes to their events.
     */
    static void createLedgerTable(DynamoDbClient dynamo, TableNames names) {
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.ledger())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(LedgerTableSchema.PK), string(LedgerTableSchema.SK),
                        string(LedgerTableSchema.AT), string(MoneyOutItems.KIND_AT),
                        string(MoneyOutItems.PENDING_SHARD), string(MoneyOutItems.PENDING_AT))
                .keySchema(key(LedgerTableSchema.PK, KeyType.HASH), key(LedgerTableSchema.SK, KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName(LedgerTableSchema.BY_TIME)
                        .keySchema(key(LedgerTableSchema.PK, KeyType.HASH), key(LedgerTableSchema.AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build(), LocalSecondaryIndex.builder()
                        .indexName(MoneyOutItems.BY_KIND_TIME)
                        .keySchema(key(LedgerTableSchema.PK, KeyType.HASH), key(MoneyOutItems.KIND_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(MoneyOutItems.BY_PENDING)
                        .keySchema(key(MoneyOutItems.PENDING_SHARD, KeyType.HASH),
                                key(MoneyOutItems.PENDING_AT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))));
    }

    /** Per-IP request windows and bans: short-lived items, TTL on. */
    static void createRateLimitTable(DynamoDbClient dynamo, TableNames names) {
        boolean created = create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.rateLimits())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(DynamoRateLimitWindows.PK))
                .keySchema(key(DynamoRateLimitWindows.PK, KeyType.HASH))));
        if (created) {
            dynamo.updateTimeToLive(t -> t.tableName(names.rateLimits())
                    .timeToLiveSpecification(s -> s.attributeName(DynamoRateLimitWindows.EXPIRES_AT).enabled(true)));
        }
    }

    /** Webhook endpoints (by merchant and mode) and the event and delivery log (TTL, by intent). */
    static void createWebhookTables(DynamoDbClient dynamo, TableNames names) {
        create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.webhooks())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(WebhookTableSchema.MERCHANT_MODE), string(WebhookTableSchema.ID))
                .keySchema(key(WebhookTableSchema.MERCHANT_MODE, KeyType.HASH), key(WebhookTableSchema.ID, KeyType.RANGE))));
        boolean created = create(dynamo, () -> dynamo.createTable(t -> t
                .tableName(names.deliveries())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(DeliveryLogSchema.PK), string(DeliveryLogSchema.SK),
                        string(DeliveryLogSchema.INTENT_ID), string(DeliveryLogSchema.INTENT_SORT),
                        string(DeliveryLogSchema.MERCHANT_MODE), string(DeliveryLogSchema.FEED_SORT))
                .keySchema(key(DeliveryLogSchema.PK, KeyType.HASH), key(DeliveryLogSchema.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(DeliveryLogSchema.BY_INTENT)
                        .keySchema(key(DeliveryLogSchema.INTENT_ID, KeyType.HASH),
                                key(DeliveryLogSchema.INTENT_SORT, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build(), feedIndex())));
        if (created) {
            dynamo.updateTimeToLive(t -> t.tableName(names.deliveries())
                    .timeToLiveSpecification(s -> s.attributeName(DeliveryLogSchema.EXPIRES_AT).enabled(true)));
        } else if (dynamo.describeTable(t -> t.tableName(names.deliveries())).table().globalSecondaryIndexes().stream()
                .noneMatch(i -> DeliveryLogSchema.BY_MERCHANT.equals(i.indexName()))) {
            // a kept --data-dir from before the events feed: its log gets the feed's index
            dynamo.updateTable(t -> t.tableName(names.deliveries())
                    .attributeDefinitions(string(DeliveryLogSchema.MERCHANT_MODE), string(DeliveryLogSchema.FEED_SORT))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(DeliveryLogSchema.BY_MERCHANT)
                            .keySchema(feedIndex().keySchema()).projection(feedIndex().projection()))));
        }
    }

    /** The events feed: a merchant's (and mode's) events in the order they were logged; delivery items are not in it. */
    private static GlobalSecondaryIndex feedIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(DeliveryLogSchema.BY_MERCHANT)
                .keySchema(key(DeliveryLogSchema.MERCHANT_MODE, KeyType.HASH), key(DeliveryLogSchema.FEED_SORT, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    /** True if the table was created, false if it was already there. */
    private static boolean create(DynamoDbClient dynamo, Runnable createTable) {
        try {
            createTable.run();
            return true;
        } catch (ResourceInUseException alreadyThere) {
            return false; // a kept --data-dir already has it
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
