package io.cauri.localaws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDynamoDbTest {

    /** A table keyed by {@code id} that streams NEW_AND_OLD_IMAGES, as the callers create theirs. */
    static void createTable(DynamoDbClient client, String name) {
        client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    static void put(DynamoDbClient client, String table, String id) {
        client.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    @Test
    void inMemoryOnLoopbackWithNoTablesOfItsOwn() throws Exception {
        try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
            assertTrue(db.endpoint().matches("http://127\\.0\\.0\\.1:\\d+"), db.endpoint());
            assertTrue(db.client().listTables().tableNames().isEmpty(), "the caller creates its tables");
            createTable(db.client(), "things");
            put(db.client(), "things", "a");
            put(db.client(), "things", "b");
            assertEquals(2, db.count("things"));
        }
        try (LocalDynamoDb db = LocalDynamoDb.start(null)) {
            assertTrue(db.client().listTables().tableNames().isEmpty(), "in memory: nothing kept from the last one");
        }
    }

    @Test
    void stoppedItRefusesConnectionsAndRestartsOnTheSamePortWithTheSameData(@TempDir Path data) throws Exception {
        try (LocalDynamoDb db = LocalDynamoDb.inDirectory(data.resolve("ddb"))) {
            createTable(db.client(), "things");
            put(db.client(), "things", "kept");
            String endpoint = db.endpoint();

            db.stop();
            assertThrows(SdkClientException.class, () -> db.client().listTables());

            db.restart();
            assertEquals(endpoint, db.endpoint());
            assertEquals(1, db.count("things"));
        }
        try (LocalDynamoDb again = LocalDynamoDb.start(data.resolve("ddb"))) { // a new run on the same files
            assertEquals(1, again.count("things"));
            assertFalse(again.client().listTables().tableNames().isEmpty());
        }
    }
}
