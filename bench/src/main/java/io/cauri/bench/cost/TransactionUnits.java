package io.cauri.bench.cost;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What AWS bills for a {@code TransactWriteItems}, from the images of its items before and after it. DynamoDB
 * Local's own report for a transaction does not follow AWS's rules (it bills each action four times its item's units,
 * and two actions of equal units on one table once: {@code CostMeterTest.dynamoDbLocalsTransactionReportIsNotAwssBill}),
 * so the meter reads each item before the transaction is sent and after it succeeds, with a client of its own that it
 * does not count, and applies AWS's rules:
 * <ul>
 *   <li>each action's table write is twice the units of a plain write of the larger of its item's two images (a
 *       {@code ConditionCheck}: of the image it read), at least 2;</li>
 *   <li>each secondary index is billed as the same change outside a transaction: nothing where what the index
 *       stores of the item is unchanged (a keys-only index when an update leaves its keys), the new entry's units
 *       where it changed in place, the old and the new entry's where its key moved, one entry's where the item entered
 *       or left it. Local indexes count in the table's total, global ones also as "gsi" (as DynamoDB reports them).</li>
 * </ul>
 * The time of these reads is the meter's, not the function's: it is kept per function ("meter|reads|nanos") and
 * taken off the function's billed time by {@link CostRun}. The reads are not atomic with the transaction: a write
 * of the same item by someone else in between would be billed to it. bench/cost runs its payments one after the
 * other, and nothing else writes a payment's intent or books between its API request's read and its transaction.
 */
final class TransactionUnits {
    /** A transaction's items as they were before it, in the request's order. */
    record Before(URI endpoint, List<Target> targets, long nanos) {
    }

    /** One action's item: its table, key, kind and image before the transaction (null if there was none). */
    record Target(String table, Map<String, AttributeValue> key, boolean conditionCheck, Map<String, AttributeValue> image) {
    }

    /**
     * Units one transaction consumed, by table, how many of them went to global secondary indexes, and the time the
     * meter's reads took (before and after).
     */
    record Billed(Map<String, Double> byTable, double gsi, long readNanos) {
        double total() {
            return byTable.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private static final Map<URI, DynamoDbClient> CLIENTS = new ConcurrentHashMap<>();
    /** By endpoint and table name. */
    private static final Map<String, TableDescription> TABLES = new ConcurrentHashMap<>();

    private TransactionUnits() {
    }

    /** Reads the items the transaction is about to write (the meter's own reads: not counted). */
    static Before before(TransactWriteItemsRequest request, URI endpoint) {
        long start = System.nanoTime();
        DynamoDbClient client = client(endpoint);
        List<Target> targets = new ArrayList<>();
        for (TransactWriteItem item : request.transactItems()) {
            String table;
            Map<String, AttributeValue> key;
            boolean check = false;
            if (item.put() != null) {
                table = item.put().tableName();
                key = keyOf(describe(endpoint, client, table), item.put().item());
            } else if (item.update() != null) {
                table = item.update().tableName();
                key = item.update().key();
            } else if (item.delete() != null) {
                table = item.delete().tableName();
                key = item.delete().key();
            } else {
                table = item.conditionCheck().tableName();
                key = item.conditionCheck().key();
                check = true;
            }
            targets.add(new Target(table, key, check, read(client, table, key)));
        }
        return new Before(endpoint, targets, System.nanoTime() - start);
    }

    /** Reads the items again after the transaction succeeded, and gives what AWS bills for it. */
    static Billed after(Before before) {
        long start = System.nanoTime();
        DynamoDbClient client = client(before.endpoint());
        Map<String, Double> byTable = new LinkedHashMap<>();
        double gsi = 0;
        for (Target t : before.targets()) {
            Map<String, AttributeValue> after = t.conditionCheck() ? t.image() : read(client, t.table(), t.key());
            TableDescription table = describe(before.endpoint(), client, t.table());
            double units = 2 * tableUnits(t.image(), after, t.conditionCheck());
            if (!t.conditionCheck()) {
                for (var index : table.globalSecondaryIndexes()) {
                    double u = indexUnits(table.keySchema(), index.keySchema(), index.projection(), t.image(), after);
                    units += u;
                    gsi += u;
                }
                for (var index : table.localSecondaryIndexes()) {
                    units += indexUnits(table.keySchema(), index.keySchema(), index.projection(), t.image(), after);
                }
            }
            byTable.merge(t.table(), units, Double::sum);
        }
        return new Billed(byTable, gsi, before.nanos() + System.nanoTime() - start);
    }

    /** A plain write's units of an item whose images are {@code before} and {@code after}: the larger one's. */
    static double tableUnits(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean conditionCheck) {
        long size = conditionCheck ? size(before) : Math.max(size(before), size(after));
        return Units.writeUnits(size, false);
    }

    /** The units a change of the item from {@code before} to {@code after} costs one secondary index. */
    static double indexUnits(List<KeySchemaElement> tableKey, List<KeySchemaElement> indexKey, Projection projection,
                             Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Map<String, AttributeValue> old = entry(tableKey, indexKey, projection, before);
        Map<String, AttributeValue> now = entry(tableKey, indexKey, projection, after);
        if (Objects.equals(old, now)) {
            return 0;
        }
        if (old == null) {
            return Units.writeUnits(Units.itemSize(now), false);
        }
        if (now == null) {
            return Units.writeUnits(Units.itemSize(old), false);
        }
        boolean moved = indexKey.stream().anyMatch(k -> !old.get(k.attributeName()).equals(now.get(k.attributeName())));
        double units = Units.writeUnits(Units.itemSize(now), false);
        return moved ? units + Units.writeUnits(Units.itemSize(old), false) : units;
    }

    /** What the index stores of the item: null where the item lacks one of its keys (a sparse index). */
    static Map<String, AttributeValue> entry(List<KeySchemaElement> tableKey, List<KeySchemaElement> indexKey,
                                             Projection projection, Map<String, AttributeValue> item) {
        if (item == null || indexKey.stream().anyMatch(k -> !item.containsKey(k.attributeName()))) {
            return null;
        }
        if (projection.projectionType() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> entry = new HashMap<>();
        tableKey.forEach(k -> entry.put(k.attributeName(), item.get(k.attributeName())));
        indexKey.forEach(k -> entry.put(k.attributeName(), item.get(k.attributeName())));
        if (projection.projectionType() == ProjectionType.INCLUDE) {
            projection.nonKeyAttributes().stream().filter(item::containsKey).forEach(a -> entry.put(a, item.get(a)));
        }
        return entry;
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : Units.itemSize(item);
    }

    private static Map<String, AttributeValue> keyOf(TableDescription table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        table.keySchema().forEach(k -> key.put(k.attributeName(), item.get(k.attributeName())));
        return key;
    }

    private static Map<String, AttributeValue> read(DynamoDbClient client, String table, Map<String, AttributeValue> key) {
        var answer = client.getItem(g -> g.tableName(table).key(key).consistentRead(true));
        return answer.hasItem() ? answer.item() : null;
    }

    private static TableDescription describe(URI endpoint, DynamoDbClient client, String table) {
        return TABLES.computeIfAbsent(endpoint + " " + table, k -> client.describeTable(d -> d.tableName(table)).table());
    }

    /**
     * The meter's own client. Its requests pass through {@link CostMeter} too (a global interceptor is on every
     * client), which leaves them out: {@link DynamoDbCounter} calls {@link #before} and {@link #after} inside
     * {@link CostMeter#uncounted}.
     */
    private static DynamoDbClient client(URI endpoint) {
        return CLIENTS.computeIfAbsent(endpoint, e -> DynamoDbClient.builder()
                .endpointOverride(e).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }
}
