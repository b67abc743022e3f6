package io.cauri.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cauri.localapi.Invocations;
import io.cauri.localapi.LocalApi;
import io.cauri.localapi.Options;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bench/cost: N complete sandbox payments through an in-process local-api whose events go through the SNS/SQS
 * emulator, the stream publisher and the webhook dispatcher as deployed (create, attempt with orange's OTP flow,
 * authenticate, the intent successful, its event, one signed webhook delivery to a loopback receiver), after a
 * warm-up; then what AWS would bill for them, per unit, per function and per operation, at the prices in
 * {@link Prices}, and the same for the least a correct design needs. Usage: CostRun ROOT N WARMUP REPORT_FILE.
 */
public final class CostRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String MERCHANT = "m_cost";
    private static final String EXPIRY = "ExpireIntentsFunction";
    private static final List<String> METER_CLASSES = List.of("CostMeter", "DynamoDbCounter", "StreamsCounter",
            "SnsCounter", "SqsCounter", "Units", "TransactionUnits", "TransactionUnits$Before", "TransactionUnits$Target",
            "TransactionUnits$Billed");

    private final String base;
    private final String key;

    private CostRun(String base, String key) {
        this.base = base;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the receiver's and local-api's threads would keep the JVM up
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int n = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        // the report to its own file: the functions log to standard output
        java.io.PrintStream out = new java.io.PrintStream(Files.newOutputStream(Path.of(args[3])), true, StandardCharsets.UTF_8);
        Path work = Files.createTempDirectory("cauri-bench-cost");
        Path meter = meterFolder(work.resolve("meter"));
        // the functions' clients: the meter after each function's jar (local-api's own clients get it from bench/cost's
        // class path)
        System.setProperty("cauri.local.function-extra-classpath", meter.toString());
        String key = "sk_cost_" + Long.toHexString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE);

        Map<String, Integer> delivered = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try {
                JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
                delivered.merge(event.path("type").asText() + " " + event.path("data").path("id").asText(), 1, Integer::sum);
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        LocalApi api = null;
        try {
            api = LocalApi.start(new Options(0, MERCHANT, key, work.resolve("data"), root.resolve("template.yaml"), false));
            CostRun run = new CostRun(api.baseUrl(), key);
            JsonNode endpoint = run.post("/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks\",\"events\":[\"payment_intent.successful\"]}", true, 201);
            out.println("webhook endpoint " + endpoint.get("id").asText() + " -> loopback receiver");

            long t0 = System.nanoTime();
            run.payments(warmup, delivered, "warm-up");
            quiet();
            out.printf("warm-up: %d payments in %.1f s%n", warmup, (System.nanoTime() - t0) / 1e9);
            Ledger.reset();
            Invocations.reset();
            long t1 = System.nanoTime();
            run.payments(n, delivered, "measured");
            quiet();
            Map<String, Double> ledger = Ledger.snapshot();
            Map<String, Invocations.Totals> invocations = withoutMeterReads(Invocations.snapshot(), ledger);
            out.printf("measured: %d payments (each: 3 API requests, 1 webhook delivery received) in %.1f s%n",
                    n, (System.nanoTime() - t1) / 1e9);
            new Report(n, 3L * n, ledger, invocations, memory(root.resolve("template.yaml")), EXPIRY).print(out);
        } finally {
            if (api != null) {
                api.close();
            }
            receiver.stop(0);
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Creates, attempts (orange: OTP) and authenticates {@code count} payments, then waits for their webhooks. */
    private void payments(int count, Map<String, Integer> delivered, String label) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode intent = post("/payment-intents", "{\"customerReference\":\"cust_cost\",\"purchaseReference\":\"order_"
                    + label + "_" + i + "\",\"amount\":1000,\"currency\":\"XOF\"}", true, 201);
            String id = intent.get("id").asText();
            String token = intent.get("token").asText();
            JsonNode attempted = post("/payment-intents/" + id + "/payments", "{\"token\":\"" + token
                    + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"orange\","
                    + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}", false, 201);
            require("action_required".equals(attempted.path("status").asText()), "attempt: " + attempted);
            JsonNode authenticated = post("/payment-intents/" + id + "/authentication", "{\"token\":\"" + token
                    + "\",\"confirmationCode\":\"1234\"}", false, -1);
            require("successful".equals(authenticated.path("status").asText()), "authentication: " + authenticated);
            ids.add(id);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && !ids.stream().allMatch(id -> delivered.containsKey("payment_intent.successful " + id))) {
            Thread.sleep(100);
        }
        long missing = ids.stream().filter(id -> !delivered.containsKey("payment_intent.successful " + id)).count();
        require(missing == 0, missing + " of " + count + " " + label + " payments' webhooks did not arrive within 120 s");
        long twice = ids.stream().filter(id -> delivered.get("payment_intent.successful " + id) > 1).count();
        require(twice == 0, twice + " payments' webhooks were delivered more than once");
    }

    /** Waits until the stream publisher and the dispatcher have had nothing to do for 3 s (the events are all out). */
    private static void quiet() throws InterruptedException {
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 3_000_000_000L) {
            long now = Invocations.snapshot().values().stream().mapToLong(Invocations.Totals::invocations).sum();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    private JsonNode post(String path, String body, boolean asMerchant, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (asMerchant) {
            request.header("ApiKey", key).header("MerchantId", MERCHANT).header("Environment", "sandbox");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        require(expected < 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected,
                "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** A folder with the meter's classes and the SDK's global interceptors file naming it (Ledger stays out: one per JVM). */
    static Path meterFolder(Path dir) throws Exception {
        Path classes = dir.resolve("io/cauri/bench/cost");
        Files.createDirectories(classes);
        for (String name : METER_CLASSES) {
            try (InputStream in = CostRun.class.getResourceAsStream(name + ".class")) {
                require(in != null, "no " + name + ".class beside CostRun");
                Files.write(classes.resolve(name + ".class"), in.readAllBytes());
            }
        }
        Path file = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(file.getParent());
        Files.writeString(file, CostMeter.class.getName() + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    /** Each function's MemorySize (MB) and architecture from template.yaml (its own, else Globals'). */
    @SuppressWarnings("unchecked")
    static Map<String, Object[]> memory(Path template) throws Exception {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options) {
            {
                // CloudFormation's short-form intrinsic functions (!Ref, !Sub, !GetAtt, ...): kept as plain values
                this.yamlConstructors.put(null, new AbstractConstruct() {
                    @Override
                    public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                        return null;
                    }
                });
            }
        });
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(template)) {
            doc = yaml.load(in);
        }
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("Globals", Map.of()))
                .getOrDefault("Function", Map.of());
        Map<String, Object[]> out = new TreeMap<>();
        ((Map<String, Object>) doc.get("Resources")).forEach((name, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
                Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
                Object mb = props.getOrDefault("MemorySize", globals.get("MemorySize"));
                Object arch = props.getOrDefault("Architectures", globals.getOrDefault("Architectures", List.of("x86_64")));
                out.put(name, new Object[]{((Number) mb).intValue(), String.valueOf(((List<Object>) arch).get(0))});
            }
        });
        return out;
    }

    /**
     * The functions' invocations less the time the meter's own reads took inside them (it reads a transaction's items
     * before and after it: {@link TransactionUnits}): each invocation is rounded up to the millisecond as before, and
     * the reads' total is taken off the billed milliseconds, rounded to the nearest (never below 1 ms an invocation).
     */
    static Map<String, Invocations.Totals> withoutMeterReads(Map<String, Invocations.Totals> invocations,
                                                             Map<String, Double> ledger) {
        Map<String, Invocations.Totals> less = new TreeMap<>(invocations);
        less.replaceAll((function, t) -> {
            double nanos = ledger.getOrDefault(function + "|meter|reads|nanos", 0.0);
            // never below Lambda's minimum of 1 ms an invocation
            return new Invocations.Totals(t.invocations(), Math.max(t.invocations(), t.billedMillis() - Math.round(nanos / 1e6)),
                    Math.max(0, t.nanos() - (long) nanos));
        });
        return less;
    }
}
