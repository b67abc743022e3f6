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
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        client.createTable(t -> t.tableName("indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
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
}
