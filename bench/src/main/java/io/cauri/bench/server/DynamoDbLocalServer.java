package io.cauri.bench.server;

import com.sun.net.httpserver.HttpServer;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.DynamoRateLimitWindows;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local (in memory) on 127.0.0.1 and a free port, with Cauri's tables and the demo data the
 * sample events of {@code events/} use: merchant {@code m_demo} with sandbox key {@code sk_demo_0123456789}
 * and intent {@code pi_z1urYtVFgEebtcj8fxp4v} (1000 XOF, waiting for payment), stored through the
 * production repositories, as the functions' SampleEventsTest stores them.
 * <p>
 * Prints one line to stdout once started, {@code READY <dynamodb endpoint> <control url>} (everything else
 * goes to stderr). {@code POST <control url>/reset} puts the demo intent back to its just-created state, so
 * that an event that changes it can be replayed, and empties the per-IP rate-limit windows (each sample is one
 * request on its own: list-intents allows one list per 30 s, and jar-check sends two). Runs until killed.
 */
public final class DynamoDbLocalServer {
    public static final String DEMO_MERCHANT = "m_demo";
    public static final String DEMO_API_KEY = "sk_demo_0123456789";
    public static final String DEMO_INTENT = "pi_z1urYtVFgEebtcj8fxp4v";
    /** The demo merchant's live key, known so bench/connector can make live attempts (a local table only). */
    public static final String DEMO_LIVE_API_KEY = "sk_live_demo_0123456789";

    private DynamoDbLocalServer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err); // DynamoDB Local prints its configuration to stdout

        LocalDynamoDb server = LocalDynamoDb.inMemory();
        String endpoint = server.endpoint();
        DynamoDbClient client = server.client();
        TableNames names = TableNames.defaults();
        TableDefinitions.createAll(client, names);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client)
                .extensions(VersionedRecordExtension.builder().build()).build();
        DynamoMerchantRepository merchants = new DynamoMerchantRepository(enhanced, client, names);
        DynamoIntentRepository intents = new DynamoIntentRepository(client, enhanced, names);

        Instant now = Instant.now();
        merchants.save(new Merchant(DEMO_MERCHANT, "Demo merchant",
                List.of(ApiKey.withSecret(Mode.SANDBOX, DEMO_API_KEY, now).key(), ApiKey.withSecret(Mode.LIVE, DEMO_LIVE_API_KEY, now).key()),
                null));
        resetDemoIntent(client, intents, names);

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/reset", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                synchronized (DynamoDbLocalServer.class) {
                    resetDemoIntent(client, intents, names);
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                e.printStackTrace();
                exchange.sendResponseHeaders(500, -1);
            }
        });
        // POST /intents?mode=live|sandbox&count=N: N fresh open intents of the demo merchant (1000 XOF), one id a line
        control.createContext("/intents", exchange -> {
            try (exchange) {
                Map<String, String> query = new java.util.HashMap<>();
                String raw = exchange.getRequestURI().getQuery();
                for (String pair : raw == null ? new String[0] : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                Mode mode = "live".equals(query.get("mode")) ? Mode.LIVE : Mode.SANDBOX;
                int count = Math.min(10_000, Integer.parseInt(query.getOrDefault("count", "1")));
                StringBuilder ids = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    String id = io.cauri.id.Ids.next(io.cauri.id.Ids.INTENT);
                    intents.create(PaymentIntent.open(id, DEMO_MERCHANT, mode, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                            "bench_" + i, "cust_bench", 1000, Currency.XOF, null));
                    ids.append(id).append('\n');
                }
                byte[] body = ids.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (RuntimeException e) {
                e.printStackTrace();
                exchange.sendResponseHeaders(500, -1);
            }
        });
        control.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // exiting anyway
            }
        }));

        protocol.println("READY " + endpoint + " http://127.0.0.1:" + control.getAddress().getPort());
        protocol.flush();
    }

    private static void resetDemoIntent(DynamoDbClient client, DynamoIntentRepository intents, TableNames names) {
        client.scanPaginator(r -> r.tableName(names.rateLimits())).items().forEach(item -> client.deleteItem(
                r -> r.tableName(names.rateLimits()).key(Map.of(DynamoRateLimitWindows.PK, item.get(DynamoRateLimitWindows.PK)))));
        client.deleteItem(r -> r.tableName(names.intents()).key(Map.of("id", AttributeValue.fromS(DEMO_INTENT))));
        intents.create(PaymentIntent.open(DEMO_INTENT, DEMO_MERCHANT, Mode.SANDBOX,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "ref_2020_11_10_001", "cust_01924059", 1000,
                Currency.XOF, null));
    }
}
