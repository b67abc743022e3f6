package io.cauri.bench.eventlatency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cauri.localapi.LocalApi;
import io.cauri.localapi.Options;
import io.cauri.localapi.SandboxMerchant;
import io.cauri.localaws.LocalClients;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event latency through local-api as deployed (stream publisher, the SNS/SQS emulator, webhook dispatcher), run
 * by bench/events-latency: complete sandbox payments (create, attempt, OTP) at a fixed rate for a bounded time,
 * a loopback receiver checking each webhook's HUB2 signature, and per event the time from the write that changed
 * the status to the signed webhook's arrival.
 * <p>
 * The start of each measure is the event's {@code createdAt}: the intent's (or payment's) {@code updatedAt} that
 * the function put on the item in the same conditional write that changed the status (docs/CONTRACT.md §5), with
 * millisecond precision, on the same clock as the receiver. The stream record's ApproximateCreationDateTime is
 * not used: DynamoDB gives it in whole seconds. The time the completing API call returned is measured too, as a
 * cross-check: it comes after the write, so it can only make the latency look shorter.
 * <p>
 * Phase "hanging": the same at the last rate while another merchant (seeded here, with its own key) makes
 * payments whose webhooks go to an endpoint that accepts the connection and never answers.
 * <p>
 * The stages come from the EMF metrics the functions already print (their stdout is read here):
 * StreamPublisherLag (stream record → publisher; whole seconds, as DynamoDB stamps records), DispatcherLag
 * (status write → dispatcher receives the event from the queue) and WebhookDeliveryLatency (the POST).
 */
public final class EventLatency {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8, daemon("bench-http"))).build();
    static final String EVENTS = "[\"payment_intent.created\",\"payment_intent.processing\",\"payment_intent.action_required\","
            + "\"payment_intent.successful\",\"payment_intent.payment_failed\",\"payment.processing\","
            + "\"payment.action_required\",\"payment.successful\",\"payment.failed\"]";
    static final Pattern METRIC = Pattern.compile("\"(StreamPublisherLag|DispatcherLag|WebhookDeliveryLatency)\":([0-9.]+)");

    /**
     * By phase: when its first and its last create request went out (System.nanoTime). The rate a phase asks for is
     * the rate its payments are handed to the payer threads; when every payer thread is waiting for answers, the
     * requests go out later and slower, and the phase's report says the rate they really went out at.
     */
    static final Map<String, long[]> CREATES_SENT = new ConcurrentHashMap<>();

    /** Which phase EMF lines printed now belong to. */
    static final AtomicReference<String> PHASE = new AtomicReference<>("start");
    static final Map<String, Map<String, List<Double>>> STAGES = new ConcurrentHashMap<>();

    record Merchant(String id, String key, String secret) {
    }

    /** One webhook received: the phase its intent was made in, its type, write → arrival and API return → arrival. */
    record Arrival(String phase, String type, String intentId, double fromWriteMs, double fromReturnMs) {
    }

    static final Map<String, String> PHASE_OF_INTENT = new ConcurrentHashMap<>();
    static final Map<String, Long> RETURNED_MICROS = new ConcurrentHashMap<>(); // intent → last API call returned
    static final List<Arrival> ARRIVALS = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> CONFIRMED = new ConcurrentHashMap<>(); // phase → payments confirmed
    static final Map<String, Stats> REPORTED = new ConcurrentHashMap<>();
    static final AtomicInteger BAD_SIGNATURES = new AtomicInteger();
    static final AtomicInteger FAILED_CALLS = new AtomicInteger();
    static volatile String healthySecret;

    public static void main(String[] args) throws Exception {
        int[] rates = java.util.Arrays.stream(env("RATES", "1,10,50").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int duration = Integer.parseInt(env("DURATION", "60"));
        int warmup = Integer.parseInt(env("WARMUP", "10"));
        int hangRate = Integer.parseInt(env("HANG_RATE", "5"));
        PrintStream console = System.out;
        System.setOut(new PrintStream(new MetricTee(console), true, StandardCharsets.UTF_8)); // before the functions load

        String healthyKey = "sk_evlat_" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        try (LocalApi api = LocalApi.start(new Options(0, "m_evlat", healthyKey, null, Path.of("template.yaml"), false))) {
            String base = api.baseUrl();
            String hangKey = "sk_evhang_" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            SandboxMerchant.seed(LocalClients.dynamoDb(System.getProperty("cauri.dynamodb.endpoint")), "m_evhang", hangKey);

            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            receiver.setExecutor(Executors.newFixedThreadPool(16, daemon("receiver")));
            receiver.createContext("/", exchange -> {
                long at = micros();
                byte[] body = exchange.getRequestBody().readAllBytes();
                String signature = exchange.getRequestHeaders().getFirst("Hub2-Signature");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                record(at, body, signature);
            });
            receiver.start();
            Hanging hanging = Hanging.start();

            Merchant healthy = new Merchant("m_evlat", healthyKey,
                    subscribe(base, "m_evlat", healthyKey, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
            healthySecret = healthy.secret();
            Merchant hanger = new Merchant("m_evhang", hangKey, null);
            console.println("healthy merchant m_evlat -> " + "http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks; all status events");

            if (warmup > 0) {
                console.println("warm-up: " + warmup + " s at 10 payments/s");
                drive(base, healthy, "warmup", 10, warmup);
                drain("warmup");
            }
            List<String> lines = new ArrayList<>();
            for (int rate : rates) {
                String phase = "rate" + rate;
                io.cauri.localapi.Invocations.reset(); // the pumps' invocations of this phase only (drain included)
                Instant began = Instant.now();
                int made = drive(base, healthy, phase, rate, duration);
                drain(phase);
                lines.add(report(console, phase, rate, made, began));
            }
            int top = rates[rates.length - 1];
            String hangPhase = "hanging" + top;
            subscribe(base, hanger.id(), hanger.key(), hanging.url());
            console.println("hanging merchant m_evhang -> " + hanging.url() + " (accepts, never answers), " + hangRate
                    + " payments/s beside the healthy merchant's " + top + "/s");
            ExecutorService side = Executors.newSingleThreadExecutor(daemon("hanging-driver"));
            io.cauri.localapi.Invocations.reset();
            var hangDriver = side.submit(() -> drive(base, hanger, "hangingmerchant", hangRate, duration));
            Instant began = Instant.now();
            int made = drive(base, healthy, hangPhase, top, duration);
            hangDriver.get();
            drain(hangPhase);
            lines.add(report(console, hangPhase, top, made, began));
            console.println("hanging endpoint: " + hanging.connections.get() + " connections accepted, none answered");
            hanging.close();
            receiver.stop(0);

            console.println();
            console.println("load average at end: " + loadAverage());
            console.println("bad signatures: " + BAD_SIGNATURES.get() + ", failed API calls: " + FAILED_CALLS.get());
            console.println();
            lines.forEach(console::println);
            // the figures as reported at the end of each phase (webhooks of a phase arriving later are left out)
            Stats topStats = REPORTED.get("rate" + top);
            Stats hangStats = REPORTED.get(hangPhase);
            console.printf(Locale.ROOT, "p50_ms=%.0f%n", topStats.p50);
            console.printf(Locale.ROOT, "p99_ms=%.0f%n", topStats.p99);
            console.printf(Locale.ROOT, "hanging_p50_ms=%.0f%n", hangStats.p50);
            console.printf(Locale.ROOT, "hanging_p99_ms=%.0f%n", hangStats.p99);
            if (BAD_SIGNATURES.get() > 0) {
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** A webhook arrived at {@code atMicros}: its signature checked, its latencies kept if its intent is ours. */
    static void record(long atMicros, byte[] body, String signature) {
        try {
            if (!validHub2(signature, body, healthySecret)) {
                BAD_SIGNATURES.incrementAndGet();
                return;
            }
            JsonNode event = JSON.readTree(body);
            String type = event.get("type").asText();
            JsonNode data = event.get("data");
            String intentId = type.startsWith("payment.") ? data.get("intentId").asText() : data.get("id").asText();
            String phase = PHASE_OF_INTENT.get(intentId);
            if (phase == null) {
                return;
            }
            Instant created = Instant.parse(event.get("createdAt").asText());
            long createdMicros = created.getEpochSecond() * 1_000_000L + created.getNano() / 1_000;
            Long returned = RETURNED_MICROS.get(intentId);
            double fromReturn = type.equals("payment_intent.successful") && returned != null
                    ? (atMicros - returned) / 1000.0 : Double.NaN;
            ARRIVALS.add(new Arrival(phase, type, intentId, (atMicros - createdMicros) / 1000.0, fromReturn));
        } catch (Exception e) {
            BAD_SIGNATURES.incrementAndGet();
        }
    }

    static boolean validHub2(String header, byte[] body, String secret) throws Exception {
        if (header == null || secret == null) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("s1=") && MessageDigest.isEqual(expected, p.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static HttpResponse<String> send(String base, Merchant m, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("ApiKey", m.key()).header("MerchantId", m.id()).header("Environment", "sandbox");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String subscribe(String base, String merchant, String key, String url) throws Exception {
        HttpResponse<String> r = send(base, new Merchant(merchant, key, null), "POST", "/webhooks",
                "{\"url\":\"" + url + "\",\"events\":" + EVENTS + "}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscribing " + url + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("secret").asText();
    }

    /**
     * Starts one complete sandbox payment every 1/rate s for {@code seconds} (open loop: a slow answer does not
     * delay the next start); returns how many were started. Each: create, attempt (OTP), confirm.
     */
    static int drive(String base, Merchant m, String phase, int rate, int seconds) throws Exception {
        if (m.secret() != null) { // the healthy merchant's phases own the EMF lines printed meanwhile
            PHASE.set(phase);
        }
        int total = rate * seconds;
        ExecutorService payers = Executors.newFixedThreadPool(Math.min(64, Math.max(4, rate * 2)), daemon("payer-" + phase));
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            payers.execute(() -> pay(base, m, phase, n));
        }
        payers.shutdown();
        payers.awaitTermination(120, TimeUnit.SECONDS);
        return total;
    }

    static void pay(String base, Merchant m, String phase, int n) {
        long now = System.nanoTime();
        CREATES_SENT.merge(phase, new long[] {now, now}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        try {
            HttpResponse<String> created = send(base, m, "POST", "/payment-intents", "{\"customerReference\":\"cust_evlat\","
                    + "\"purchaseReference\":\"order_" + phase + "_" + n + "\",\"amount\":1000,\"currency\":\"XOF\"}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
            }
            JsonNode intent = JSON.readTree(created.body());
            String id = intent.get("id").asText();
            String token = intent.get("token").asText();
            PHASE_OF_INTENT.put(id, phase);
            HttpResponse<String> attempted = send(base, m, "POST", "/payment-intents/" + id + "/payments",
                    "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"orange\","
                            + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}");
            if (attempted.statusCode() != 201) {
                throw new IllegalStateException("attempt: " + attempted.statusCode() + " " + attempted.body());
            }
            HttpResponse<String> confirmed = send(base, m, "POST", "/payment-intents/" + id + "/authentication",
                    "{\"token\":\"" + token + "\",\"confirmationCode\":\"1234\"}");
            RETURNED_MICROS.put(id, micros());
            if (confirmed.statusCode() != 201) {
                throw new IllegalStateException("authentication: " + confirmed.statusCode() + " " + confirmed.body());
            }
            CONFIRMED.computeIfAbsent(phase, k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
            if (FAILED_CALLS.incrementAndGet() <= 5) {
                System.err.println("payment " + phase + "/" + n + ": " + e);
            }
        }
    }

    /**
     * Waits until every confirmed payment of the phase has had its payment_intent.successful webhook, at most
     * DRAIN seconds: a backlog left by one phase would otherwise land in the next one's figures.
     */
    static void drain(String phase) throws InterruptedException {
        long deadline = System.nanoTime() + Long.parseLong(env("DRAIN", "90")) * 1_000_000_000L;
        int expected = CONFIRMED.getOrDefault(phase, new AtomicInteger()).get();
        while (System.nanoTime() < deadline && successful(phase) < expected) {
            Thread.sleep(200);
        }
        Thread.sleep(500); // the last payment's later events
    }

    static long successful(String phase) {
        return ARRIVALS.stream().filter(a -> a.phase().equals(phase) && a.type().equals("payment_intent.successful"))
                .map(Arrival::intentId).distinct().count();
    }

    static List<Double> fromWrite(String phase) {
        List<Double> v = new ArrayList<>();
        for (Arrival a : ARRIVALS) {
            if (a.phase().equals(phase)) {
                v.add(a.fromWriteMs());
            }
        }
        return v;
    }

    record Stats(int n, double p50, double p99, double max) {
        static Stats of(List<Double> values) {
            List<Double> s = new ArrayList<>(values);
            Collections.sort(s);
            if (s.isEmpty()) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(s.size(), at(s, 0.50), at(s, 0.99), s.get(s.size() - 1));
        }

        static double at(List<Double> sorted, double q) {
            return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
        }

        String text() {
            return String.format(Locale.ROOT, "n=%d p50=%.0f p99=%.0f max=%.0f", n, p50, p99, max);
        }
    }

    static String report(PrintStream out, String phase, int rate, int made, Instant began) {
        List<Arrival> mine = ARRIVALS.stream().filter(a -> a.phase().equals(phase)).toList();
        long successful = successful(phase);
        Stats write = Stats.of(mine.stream().map(Arrival::fromWriteMs).toList());
        REPORTED.put(phase, write);
        Stats ret = Stats.of(mine.stream().map(Arrival::fromReturnMs).filter(d -> !d.isNaN()).toList());
        Map<String, List<Double>> stages = STAGES.getOrDefault(phase, Map.of());
        out.println();
        out.println("== " + phase + ": " + rate + " payments/s for " + made / rate + " s (from " + began + " to " + Instant.now() + "), " + made
                + " payments started, " + successful + " payment_intent.successful webhooks, " + mine.size() + " webhooks");
        double sentPerSecond = sentPerSecond(phase, made);
        out.println(String.format(Locale.ROOT, "  creates sent at %.1f payments/s%s", sentPerSecond,
                sentPerSecond < 0.9 * rate ? " (short of the phase's rate: its payer threads were all waiting for answers)" : ""));
        out.println("  status write -> signed webhook received (ms):        " + write.text());
        out.println("  successful: API call returned -> received (ms):    " + ret.text());
        for (String stage : List.of("StreamPublisherLag", "DispatcherLag", "WebhookDeliveryLatency")) {
            out.println(String.format(Locale.ROOT, "  EMF %-22s (ms):  %s", stage, Stats.of(stages.getOrDefault(stage, List.of())).text()));
        }
        // the pumps' invocations from the phase's start to the end of its drain: how long each batch held the
        // stream (the publisher, one shard at a time) or an invocation slot (the dispatcher)
        io.cauri.localapi.Invocations.snapshot().forEach((function, t) -> {
            if (function.equals("StreamPublisherFunction") || function.equals("WebhookDispatcherFunction")) {
                out.println(String.format(Locale.ROOT, "  %-26s %d invocations, mean %.1f ms each, %.1f s in all", function,
                        t.invocations(), t.invocations() == 0 ? 0.0 : t.nanos() / 1e6 / t.invocations(), t.nanos() / 1e9));
            }
        });
        out.println("  load average: " + loadAverage());
        return String.format(Locale.ROOT, "%s_p50_ms=%.0f %s_p99_ms=%.0f %s_webhooks=%d %s_successful=%d/%d %s_sent_per_s=%.1f",
                phase, write.p50, phase, write.p99, phase, write.n, phase, successful, made, phase, sentPerSecond);
    }

    /** The rate the phase's create requests went out at: its payments less one over the time from its first to its last. */
    static double sentPerSecond(String phase, int made) {
        long[] span = CREATES_SENT.get(phase);
        if (span == null || made < 2 || span[1] == span[0]) {
            return Double.NaN;
        }
        return (made - 1) / ((span[1] - span[0]) / 1e9);
    }

    /** stdout of the functions: EMF lines give the stages; everything else is dropped (request logs). */
    static final class MetricTee extends OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        MetricTee(PrintStream console) {
            this.console = console;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.startsWith("{")) {
                Matcher m = METRIC.matcher(text);
                while (m.find()) {
                    STAGES.computeIfAbsent(PHASE.get(), p -> new ConcurrentHashMap<>())
                            .computeIfAbsent(m.group(1), k -> new CopyOnWriteArrayList<>()).add(Double.parseDouble(m.group(2)));
                }
            } else {
                console.println(text);
            }
        }
    }

    /** An endpoint that accepts every connection and never reads or answers (the dispatcher's timeout ends it). */
    static final class Hanging implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();

        private Hanging(ServerSocket server) {
            this.server = server;
        }

        static Hanging start() throws Exception {
            Hanging h = new Hanging(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
            Thread t = new Thread(() -> {
                while (!h.server.isClosed()) {
                    try {
                        h.held.add(h.server.accept());
                        h.connections.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "hanging-endpoint");
            t.setDaemon(true);
            t.start();
            return h;
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hooks";
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
