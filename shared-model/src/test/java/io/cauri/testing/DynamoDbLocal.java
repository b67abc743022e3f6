package io.cauri.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.localaws.StreamPoller;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The real DynamoDB engine (local-aws's {@link LocalDynamoDb}) with Cauri's tables: one shared by every test of
 * the JVM ({@link #shared()}, in memory; tests isolate themselves by using fresh merchants, not fresh tables), or
 * one of a test's own that it can stop and restart ({@link #stoppable(Path)}).
 */
public final class DynamoDbLocal {

    private static DynamoDbLocal instance;

    private final LocalDynamoDb db;

    private DynamoDbLocal(LocalDynamoDb db) {
        this.db = db;
    }

    public static synchronized DynamoDbLocal shared() {
        if (instance == null) {
            try {
                LocalDynamoDb started = withTables(LocalDynamoDb.inMemory());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.stop();
                    } catch (RuntimeException ignored) {
                        // JVM is exiting
                    }
                }));
                instance = new DynamoDbLocal(started);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start DynamoDB Local", e);
            }
        }
        return instance;
    }

    /**
     * A DynamoDB Local of a test's own (not the JVM's shared one), keeping its data in files so that it can be
     * stopped — as if DynamoDB became unreachable — and started again on the same port with the same data, to
     * see what a failed request left behind.
     */
    public static LocalDynamoDb stoppable(Path dataDir) throws Exception {
        return withTables(LocalDynamoDb.inDirectory(dataDir));
    }

    private static LocalDynamoDb withTables(LocalDynamoDb db) {
        return db.setUp(client -> TableDefinitions.createAll(client, TableNames.defaults()));
    }

    public String endpoint() {
        return db.endpoint();
    }

    public DynamoDbClient client() {
        return db.client();
    }

    /** The streams API of the same engine (the intents table streams NEW_AND_OLD_IMAGES). */
    public DynamoDbStreamsClient streamsClient() {
        return db.streamsClient();
    }

    /** Items in the intents table (to prove a refused request wrote nothing). */
    public int intentCount() {
        return client().scan(r -> r.tableName(TableNames.defaults().intents()).select("COUNT")).count();
    }

    /** The event source mapping of a table's stream, from now on, feeding a Lambda stream consumer. */
    public StreamPoller streamPoller(String table, Function<DynamodbEvent, StreamsEventResponse> handler, int batchSize) {
        return new StreamPoller(db.streamsClient(), StreamPoller.streamArn(db, table), handler, batchSize);
    }
}
