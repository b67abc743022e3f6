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

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;

/**
 * A DynamoDB Local of a test's own (not the JVM's shared one), keeping its data in files so that it can be
 * stopped — as if DynamoDB became unreachable — and started again on the same port with the same data, to
 * see what a failed request left behind.
 */
public final class StoppableDynamoDb implements AutoCloseable {
    private final Path dataDir;
    private final DynamoDbClient client;
    private int port;
    private volatile DynamoDBProxyServer server;

    public StoppableDynamoDb(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        start(0);
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        TableDefinitions.createAll(client, TableNames.defaults());
    }

    private void start(int fixedPort) throws Exception {
        DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(new String[]{
                "-dbPath", dataDir.toString(), "-sharedDb", "-port", "65000", "-disableTelemetry"});
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ServerConnector connector = (ServerConnector) ((Server) field.get(created)).getConnectors()[0];
        connector.setHost("127.0.0.1"); // it has no host option and would bind 0.0.0.0
        connector.setPort(fixedPort);
        connector.setReuseAddress(true);
        created.start();
        port = connector.getLocalPort();
        server = created;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client of this instance (for the test's own setup and checks). */
    public DynamoDbClient client() {
        return client;
    }

    /** DynamoDB goes away: connections are refused from now on. */
    public synchronized void stop() {
        DynamoDBProxyServer running = server;
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        }
        server = null;
    }

    /** Back on the same port with the same data. */
    public synchronized void restart() throws Exception {
        if (server == null) {
            start(port);
        }
    }

    public long count(String table) {
        long count = 0;
        for (var page : client.scanPaginator(r -> r.tableName(table).select("COUNT"))) {
            count += page.count();
        }
        return count;
    }

    @Override
    public void close() {
        stop();
        client.close();
    }
}
