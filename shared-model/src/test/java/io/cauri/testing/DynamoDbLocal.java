package io.cauri.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.lang.reflect.Field;
import java.net.URI;

/**
 * The real DynamoDB engine (DynamoDB Local), started once per test JVM on 127.0.0.1 and a free port,
 * with Cauri's tables created. Tests isolate themselves by using fresh merchants, not fresh tables.
 */
public final class DynamoDbLocal {

    private static DynamoDbLocal instance;

    private final DynamoDBProxyServer server;
    private final String endpoint;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streamsClient;

    private DynamoDbLocal() throws Exception {
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[]{"-inMemory", "-port", "65000", "-disableTelemetry"});
        // DynamoDB Local has no host option and binds 0.0.0.0; bind loopback and a free port instead.
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ServerConnector connector = (ServerConnector) ((Server) field.get(server)).getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.start();
        endpoint = "http://127.0.0.1:" + connector.getLocalPort();
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        streamsClient = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        TableDefinitions.createAll(client, TableNames.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    public static synchronized DynamoDbLocal shared() {
        if (instance == null) {
            try {
                instance = new DynamoDbLocal();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start DynamoDB Local", e);
            }
        }
        return instance;
    }

    public String endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The streams API of the same engine (the intents table streams NEW_AND_OLD_IMAGES). */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /** Items in the intents table (to prove a refused request wrote nothing). */
    public int intentCount() {
        return client.scan(r -> r.tableName(TableNames.defaults().intents()).select("COUNT")).count();
    }

    private void stop() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // JVM is exiting
        }
    }
}
