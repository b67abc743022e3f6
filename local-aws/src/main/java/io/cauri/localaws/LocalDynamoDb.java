package io.cauri.localaws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * DynamoDB Local running as a server inside this JVM, on 127.0.0.1 and a free port. A server rather than the
 * embedded client because the functions reach it over HTTP through their own SDK, exactly as they reach DynamoDB
 * in AWS. It has no tables: the caller creates its own.
 * <p>
 * With a data directory it keeps its data in files, so it can also be stopped (as if DynamoDB became
 * unreachable: connections are refused) and started again on the same port with the same data.
 * <p>
 * {@link #onWrite(Runnable)} is told of every write request it has answered, whoever sent it (a function's own
 * client, on any thread): what a stream poller needs to read a new record at once rather than on its next pass.
 */
public final class LocalDynamoDb implements AutoCloseable {
    /** The operations that may add a stream record (X-Amz-Target's operation, after the API version). */
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");
    private final Path dataDir;
    private final String endpoint;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streamsClient;
    private final int port;
    private volatile DynamoDBProxyServer server;
    private final List<Runnable> writeListeners = new CopyOnWriteArrayList<>();

    private LocalDynamoDb(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.server = startServer(dataDir, 0, writeListeners);
        this.port = port(server);
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = LocalClients.dynamoDb(endpoint);
        this.streamsClient = LocalClients.dynamoDbStreams(endpoint);
    }

    /** Data in memory, gone when it stops. */
    public static LocalDynamoDb inMemory() throws Exception {
        return new LocalDynamoDb(null);
    }

    /** Data kept in {@code dataDir} (created if missing), across restarts and runs. */
    public static LocalDynamoDb inDirectory(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        return new LocalDynamoDb(dataDir.toAbsolutePath());
    }

    /** {@link #inMemory()} when {@code dataDir} is null, otherwise {@link #inDirectory(Path)}. */
    public static LocalDynamoDb start(Path dataDir) throws Exception {
        return dataDir == null ? inMemory() : inDirectory(dataDir);
    }

    /**
     * Runs the caller's setup (its tables: this module knows none) with the client and returns this instance; a
     * setup that fails stops it, so nothing is left running.
     */
    public LocalDynamoDb setUp(Consumer<DynamoDbClient> setup) {
        try {
            setup.accept(client);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Runs {@code listener} after each write request has been answered (its stream record, if any, is then
     * readable), on the server's thread: it must be quick and must not throw. A failed or refused write calls it
     * too (it cannot tell): a listener only looks, it is never told that something changed.
     */
    public void onWrite(Runnable listener) {
        writeListeners.add(listener);
    }

    private static DynamoDBProxyServer startServer(Path dataDir, int port, List<Runnable> writeListeners) throws Exception {
        // -sharedDb: one database whatever the credentials and region of the client (local tools and the functions).
        // -disableTelemetry: belt and braces; createServerFromCommandLineArgs never configures telemetry (only
        // ServerRunner.main does), so nothing is sent even when DDB_LOCAL_TELEMETRY is unset.
        // -port: required by the parser, replaced below.
        List<String> args = new ArrayList<>(List.of("-port", "65000", "-disableTelemetry", "-sharedDb"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDir.toString()));
        }
        DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        // DynamoDB Local has no host option and binds 0.0.0.0 on the given port: bind loopback and the port asked
        // for (0: a free one).
        ServerConnector connector = connector(created);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setReuseAddress(true); // a restart takes the port back at once
        Server jetty = jetty(created);
        jetty.setHandler(new WriteListening(jetty.getHandler(), writeListeners));
        created.start();
        return created;
    }

    private static ServerConnector connector(DynamoDBProxyServer server) throws ReflectiveOperationException {
        return (ServerConnector) jetty(server).getConnectors()[0];
    }

    private static Server jetty(DynamoDBProxyServer server) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(server);
    }

    /** DynamoDB Local's own handler, and the listeners told once a write request's answer is complete. */
    private static final class WriteListening extends Handler.Wrapper {
        private final List<Runnable> listeners;

        WriteListening(Handler handler, List<Runnable> listeners) {
            super(handler);
            this.listeners = listeners;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String target = request.getHeaders().get("X-Amz-Target"); // DynamoDB_20120810.PutItem
            if (target == null || listeners.isEmpty() || !WRITES.contains(target.substring(target.indexOf('.') + 1))) {
                return super.handle(request, response, callback);
            }
            return super.handle(request, response, new Callback.Nested(callback) {
                @Override
                public void completed() {
                    for (Runnable listener : listeners) {
                        try {
                            listener.run();
                        } catch (RuntimeException e) {
                            System.err.println("DynamoDB Local: a write listener failed: " + e);
                        }
                    }
                }
            });
        }
    }

    private static int port(DynamoDBProxyServer server) throws ReflectiveOperationException {
        return connector(server).getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}, the same across {@link #stop()} and {@link #restart()}. */
    public String endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The streams API of the same engine. */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient;
    }

    /** The items of a table (a paginated scan that counts). */
    public long count(String table) {
        long count = 0;
        for (var page : client.scanPaginator(r -> r.tableName(table).select("COUNT"))) {
            count += page.count();
        }
        return count;
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

    /** Back on the same port; with the same data if it keeps it in a directory. */
    public synchronized void restart() throws Exception {
        if (server == null) {
            server = startServer(dataDir, port, writeListeners);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            client.close();
            streamsClient.close();
        }
    }
}
