package io.cauri.localapi;

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

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local running as a server inside this JVM, on 127.0.0.1 and a free port, with Cauri's tables.
 * A server rather than the embedded client because the functions reach it over HTTP through their own SDK,
 * exactly as they reach DynamoDB in AWS.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final String endpoint;
    private final DynamoDbClient client;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** In memory when {@code dataDir} is null; otherwise the data is kept in {@code dataDir} across runs. */
    public static EmbeddedDynamoDb start(Path dataDir) throws Exception {
        List<String> args = new ArrayList<>(List.of("-port", "65000", "-disableTelemetry", "-sharedDb"));
        // -sharedDb: one database whatever the credentials and region of the client (local-api and the functions).
        // -disableTelemetry: belt and braces; createServerFromCommandLineArgs never configures telemetry (only
        // ServerRunner.main does), so nothing is sent even when DDB_LOCAL_TELEMETRY is unset.
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        // DynamoDB Local has no host option and binds 0.0.0.0 on the given port: bind loopback and a free port.
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ServerConnector connector = (ServerConnector) ((Server) field.get(server)).getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.start();
        EmbeddedDynamoDb db = new EmbeddedDynamoDb(server, "http://127.0.0.1:" + connector.getLocalPort());
        TableDefinitions.createAll(db.client, TableNames.defaults()); // no-op for tables a --data-dir has
        return db;
    }

    public String endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
