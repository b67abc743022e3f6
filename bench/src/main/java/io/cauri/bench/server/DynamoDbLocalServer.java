package io.cauri.bench.server;

import com.sun.net.httpserver.HttpServer;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.Postings;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoIntentRepository;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.store.DynamoRateLimitWindows;
import io.cauri.store.LedgerWrites;
import io.cauri.store.MoneyOutItems;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
 * production repositories, as the functions' SampleEventsTest stores them; and the money-out samples' balance,
 * paid intent, transfer and refund ({@code storeDemoMoneyOut}).
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
        storeDemoMoneyOut(client, intents, names, now.truncatedTo(ChronoUnit.MILLIS));

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

    /** The money-out samples' fixed objects (events/create-refund, create-transfer, retrieve-refund, ...). */
    static final String DEMO_PAID_INTENT = "pi_demoPaidIntent0000001";
    static final String DEMO_PAYMENT = "pay_demoPayment0000000001";
    static final String DEMO_TRANSFER = "tr_demoTransfer000000001";
    static final String DEMO_REFUND = "re_demoRefund00000000001";

    /**
     * What the money-out samples of {@code events/} refer to, the same objects the functions' tests store
     * ({@code SampleEvents.storeDemoData}, shared-model's tests): 1 000 000 XOF in the demo merchant's sandbox
     * balance, the paid demo intent (100 000 XOF by {@code 00000001}), a pending transfer and a pending refund,
     * each written as the operations write it (the item with its postings, one transaction).
     */
    private static void storeDemoMoneyOut(DynamoDbClient client, DynamoIntentRepository intents, TableNames names,
                                          Instant now) {
        String ledger = names.ledger();
        List<LedgerTransaction> funding = List.of(LedgerTransaction.of(DEMO_MERCHANT, Mode.SANDBOX, Currency.XOF,
                Kind.PAYMENT, io.cauri.id.Ids.next(io.cauri.id.Ids.PAYMENT), 1_000_000, 0,
                List.of(new Entry(Account.EXTERNAL, -1_000_000), new Entry(Account.AVAILABLE, 1_000_000)), now));
        client.transactWriteItems(r -> r.transactItems(LedgerWrites.of(ledger, funding).items()));

        PaymentIntent open = intents.create(PaymentIntent.open(DEMO_PAID_INTENT, DEMO_MERCHANT, Mode.SANDBOX, now,
                "ref_2020_11_10_002", "cust_01924059", 100_000, Currency.XOF, null));
        Payment payment = new Payment(DEMO_PAYMENT, open.id(), now, now, PaymentStatus.PROCESSING, 100_000, Currency.XOF,
                "mobile_money", "CI", "orange", "00000001", null, List.of(), null, null, null, null, null);
        PaymentIntent processing = intents.updateWithNewPayment(IntentStateMachine.attempt(open, payment, now),
                payment.id());
        PaymentIntent succeeded = IntentStateMachine.succeed(processing, payment.id(), now);
        intents.update(succeeded, Postings.of(processing, succeeded));

        Transfer transfer = new Transfer(DEMO_TRANSFER, DEMO_MERCHANT, Mode.SANDBOX, "payout-demo", 5000, Currency.XOF,
                "weekly payout", new Destination(Destination.MOBILE_MONEY, "CI", "Awa Kone", "+2250700000001", "orange"),
                TransferStatus.PENDING, null, null, null, null, now, now, 1L);
        reserve(client, ledger, MoneyOutItems.item(transfer), Kind.TRANSFER, transfer.id(), transfer.amount(), now);
        Refund refund = new Refund(DEMO_REFUND, DEMO_MERCHANT, Mode.SANDBOX, DEMO_PAID_INTENT, DEMO_PAYMENT, 1000,
                Currency.XOF, "requested_by_customer", RefundStatus.PENDING, null, null, null, null,
                Map.of("order", "order-42"), now, now, 1L);
        reserve(client, ledger, MoneyOutItems.item(refund), Kind.REFUND, refund.id(), refund.amount(), now);
    }

    /** A new money-out item with its amount moved from available to reserved, in one transaction. */
    private static void reserve(DynamoDbClient client, String ledger, Map<String, AttributeValue> item, Kind kind,
                                String sourceId, long amount, Instant now) {
        List<TransactWriteItem> writes = new java.util.ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(ledger).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.addAll(LedgerWrites.of(ledger, List.of(LedgerTransaction.of(DEMO_MERCHANT, Mode.SANDBOX, Currency.XOF,
                kind, sourceId, amount, 0, List.of(new Entry(Account.AVAILABLE, -amount), new Entry(Account.RESERVED,
                        amount)), now))).items());
        client.transactWriteItems(r -> r.transactItems(writes));
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
