package io.cauri.bench.cost;

import io.cauri.localaws.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meter against DynamoDB Local: known writes and reads of a known item size give the request units DynamoDB's
 * rules give (a 1,512-byte item: 2 WRU to write, 1 RRU to read strongly consistent, 0.5 eventually consistent), a
 * write refused by its condition still costs a unit, and the table's index writes are counted.
 */
class CostMeterTest {
    private static LocalDynamoDb dynamo;
    private static DynamoDbClient client;
    private static final String WHO = CostMeter.ESM; // the test thread's context class loader has no name

    @BeforeAll
    static void start() throws Exception {
        dynamo = LocalDynamoDb.start(null);
        client = DynamoDbClient.builder().endpointOverride(URI.create(dynamo.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new CostMeter())).build();
        client.createTable(t -> t.tableName("plain").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        // keyed on pk, with an index on g: projecting a key and one attribute ("included"), or the whole item
        indexedTable("included", Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("ref").build());
        indexedTable("indexed", Projection.builder().projectionType(ProjectionType.ALL).build());
    }

    private static void indexedTable(String name, Projection projection) {
        client.createTable(t -> t.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(projection).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @BeforeEach
    void reset() {
        Ledger.reset();
    }

    /** 1,512 bytes: "pk" + "a" (3), "g" + "x" (2), "payload" + 1,500 characters (1,507). */
    private static Map<String, AttributeValue> item() {
        return Map.of("pk", AttributeValue.fromS("a"), "g", AttributeValue.fromS("x"),
                "payload", AttributeValue.fromS("p".repeat(1500)));
    }

    private static double ledger(String op, String unit) {
        return Ledger.snapshot().getOrDefault(WHO + "|dynamodb|" + op + "|" + unit, 0.0);
    }

    @Test
    void itemSizeFollowsDynamoDbsRules() {
        assertEquals(1512, Units.itemSize(item()));
        assertEquals(2 + 3, Units.itemSize(Map.of("n", AttributeValue.fromN("12345"))), "5 digits: 3 bytes + 1");
        assertEquals(2.0, Units.writeUnits(1512, false));
        assertEquals(4.0, Units.writeUnits(1512, true));
        assertEquals(1.0, Units.writeUnits(1024, false));
        assertEquals(1.0, Units.readUnits(4096, true, false));
        assertEquals(0.5, Units.readUnits(1512, false, false));
        assertEquals(1.0, Units.readUnits(4097, false, false));
        assertEquals(1, Units.chunks(0));
        assertEquals(1, Units.chunks(64 * 1024));
        assertEquals(2, Units.chunks(64 * 1024 + 1));
    }

    @Test
    void countsAPutAndTwoGetsOfAKnownItem() {
        client.putItem(p -> p.tableName("plain").item(item()));
        client.getItem(g -> g.tableName("plain").key(Map.of("pk", AttributeValue.fromS("a"))).consistentRead(true));
        client.getItem(g -> g.tableName("plain").key(Map.of("pk", AttributeValue.fromS("a"))));

        assertEquals(2.0, ledger("PutItem", "wru"));
        assertEquals(2.0, ledger("PutItem plain", "wru"));
        assertEquals(1.5, ledger("GetItem", "rru"));
        assertEquals(2.0, ledger("GetItem", "requests"));
        assertEquals(0.0, ledger("PutItem", "estimated"), "DynamoDB Local reports the consumed capacity asked for");
    }

    @Test
    void countsTheIndexWritesAndARefusedConditionalWrite() {
        client.putItem(p -> p.tableName("indexed").item(item()));
        assertEquals(4.0, ledger("PutItem indexed", "wru"), "2 units for the table, 2 for the index that projects it all");
        assertEquals(2.0, ledger("PutItem", "gsi"));

        Ledger.reset();
        client.putItem(p -> p.tableName("plain").item(Map.of("pk", AttributeValue.fromS("b"))));
        assertThrows(ConditionalCheckFailedException.class, () -> client.putItem(p -> p.tableName("plain")
                .item(Map.of("pk", AttributeValue.fromS("b"))).conditionExpression("attribute_not_exists(pk)")));
        assertEquals(2.0, ledger("PutItem", "wru"), "one for the write, one for the write its condition refused");
        assertEquals(1.0, ledger("PutItem refused", "wru"), "the refused write's unit has a row of its own in the report");
        assertEquals(1.0, ledger("PutItem", "failed"));
    }

    private static Map<String, AttributeValue> item(String pk, String g, int payload) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("pk", AttributeValue.fromS(pk),
                "payload", AttributeValue.fromS("p".repeat(payload))));
        if (g != null) {
            item.put("g", AttributeValue.fromS(g));
        }
        return item;
    }

    private static double reported(java.util.List<ConsumedCapacity> capacity) {
        return capacity.stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }

    /**
     * Why the meter does not take DynamoDB Local's word for a transaction: AWS bills a transactional write twice the
     * units of the same plain write (2 for an item under 1 KB, 4 for a 1,512-byte one), DynamoDB Local reports four
     * times them, and several actions of equal units on one table once. If a new DynamoDB Local reports AWS's figures,
     * this test fails and the meter can go back to the report.
     */
    @Test
    void dynamoDbLocalsTransactionReportIsNotAwssBill() {
        var one = client.transactWriteItems(t -> t.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(i -> i.put(p -> p.tableName("plain").item(item("t1", null, 1500)))));
        assertEquals(8.0, reported(one.consumedCapacity()), "AWS: 2 × 2");
        var three = client.transactWriteItems(t -> t.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(i -> i.put(p -> p.tableName("plain").item(item("t2", null, 500))),
                        i -> i.put(p -> p.tableName("plain").item(item("t3", null, 500))),
                        i -> i.put(p -> p.tableName("plain").item(item("t4", null, 500)))));
        assertEquals(4.0, reported(three.consumedCapacity()), "AWS: 2 × 1 three times");
    }

    /**
     * The meter bills a transaction from its items' images: each action's table write twice a plain write's units
     * (the larger image), each index as the same change outside a transaction. The oracle is DynamoDB Local's report
     * for the same change made by a plain write (which {@link #countsTheIndexWritesAndARefusedConditionalWrite} and
     * the cases here check against AWS's rules): the table's units doubled, the index's as they are.
     */
    @Test
    void aTransactionIsBilledTwiceItsTablesPlainUnitsAndItsIndexesOnce() {
        record Change(String table, Map<String, AttributeValue> item, double tableUnits, double indexUnits) {
        }
        java.util.List<Change> changes = java.util.List.of(
                new Change("indexed", item("c", "x", 1500), 2, 2),   // a new item: its entry in a projecting-all index
                new Change("indexed", item("c", "x", 2500), 3, 3),   // replaced, larger: the larger image's units
                new Change("indexed", item("c", "y", 2500), 3, 6),   // its index key moved: the old entry out, the new in
                new Change("indexed", item("c", null, 200), 3, 3),   // out of the (now sparse) index; the larger image
                new Change("included", item("c", "x", 1500), 2, 1),  // a keys-and-ref entry
                new Change("included", item("c", "x", 3000), 3, 0),  // what the index stores unchanged: no index write
                new Change("plain", item("c", null, 10), 1, 0));
        for (Change c : changes) {
            Map<String, AttributeValue> plainItem = new java.util.HashMap<>(c.item());
            plainItem.put("pk", AttributeValue.fromS("plain-" + c.table()));
            var plain = client.putItem(p -> p.tableName(c.table()).item(plainItem)
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
            double plainIndex = plain.globalSecondaryIndexes() == null ? 0
                    : plain.globalSecondaryIndexes().values().stream().mapToDouble(x -> x.capacityUnits()).sum();
            assertEquals(c.tableUnits(), plain.table().capacityUnits(), "DynamoDB Local, plain write, table: " + c);
            assertEquals(c.indexUnits(), plainIndex, "DynamoDB Local, plain write, index: " + c);

            Ledger.reset();
            client.transactWriteItems(t -> t.transactItems(i -> i.put(p -> p.tableName(c.table()).item(c.item()))));
            assertEquals(2 * c.tableUnits() + c.indexUnits(), ledger("TransactWriteItems " + c.table(), "wru"), "meter: " + c);
            assertEquals(c.table().equals("plain") ? 0.0 : c.indexUnits(), ledger("TransactWriteItems", "gsi"), "meter, GSI: " + c);
        }

        Ledger.reset();
        client.transactWriteItems(t -> t.transactItems(i -> i.update(u -> u.tableName("included")
                        .key(Map.of("pk", AttributeValue.fromS("c"))).updateExpression("SET #r = :r")
                        .expressionAttributeNames(Map.of("#r", "ref")).expressionAttributeValues(Map.of(":r", AttributeValue.fromS("r")))),
                i -> i.conditionCheck(k -> k.tableName("plain").key(Map.of("pk", AttributeValue.fromS("c")))
                        .conditionExpression("attribute_exists(pk)"))));
        assertEquals(2 * 3 + 1, ledger("TransactWriteItems included", "wru"), "an update of a 3 KB item that changes a projected attribute");
        assertEquals(2.0, ledger("TransactWriteItems plain", "wru"), "a condition check: twice the units of the item it read");
        assertEquals(9.0, ledger("TransactWriteItems", "wru"));
        assertEquals(1.0, ledger("TransactWriteItems", "requests"));
        assertTrue(Ledger.snapshot().getOrDefault(WHO + "|meter|reads|nanos", 0.0) > 0, "the meter's reads' time is kept apart");

        // two actions on one table, one of them a delete: billed on the image it removes
        Ledger.reset();
        client.transactWriteItems(t -> t.transactItems(i -> i.put(p -> p.tableName("plain").item(item("d", null, 1500))),
                i -> i.delete(d -> d.tableName("plain").key(Map.of("pk", AttributeValue.fromS("c"))))));
        assertEquals(2 * 2 + 2 * 1, ledger("TransactWriteItems plain", "wru"));
    }

    /** What the meter runs inside {@link CostMeter#uncounted} (its own reads of a transaction's items) is not counted. */
    @Test
    void theMetersOwnRequestsAreNotCounted() {
        CostMeter.uncounted(() -> client.getItem(g -> g.tableName("plain").key(Map.of("pk", AttributeValue.fromS("a")))));
        assertEquals(0.0, ledger("GetItem", "requests"));
        client.getItem(g -> g.tableName("plain").key(Map.of("pk", AttributeValue.fromS("a"))));
        assertEquals(1.0, ledger("GetItem", "requests"), "outside it, the same request is");
    }
}
