package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks in local-api as on AWS (stream publisher, SNS/SQS emulator, dispatcher): an endpoint that hangs
 * until the 10 s timeout does not delay deliveries to other endpoints, and one intent's events reach an
 * endpoint in order, each with its sequence number.
 */
class LocalApiWebhookIsolationTest {
    static final String MERCHANT = "m_isolation";
    static final String KEY = "sk_isolation_0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A receiver recording (arrival time in ns, body) per request; {@code hangMillis} before it answers 200. */
    record Receiver(HttpServer server, List<Map.Entry<Long, String>> received) implements AutoCloseable {
        static Receiver start(long hangMillis) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<Map.Entry<Long, String>> received = new CopyOnWriteArrayList<>();
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                long at = System.nanoTime();
                received.add(Map.entry(at, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                if (hangMillis > 0) {
                    try {
                        Thread.sleep(hangMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return new Receiver(server, received);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static String subscribe(Receiver receiver, String events) throws Exception {
        HttpResponse<String> subscribed = send("POST", "/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":" + events + "}");
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        return JSON.readTree(subscribed.body()).get("id").asText();
    }

    /** Creates {@code n} intents back to back; returns id → the time (ns) its creation was answered. */
    static Map<String, Long> createIntents(int n) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = send("POST", "/payment-intents",
                    "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_" + i + "\",\"amount\":1000,\"currency\":\"XOF\"}");
            assertEquals(201, response.statusCode(), response.body());
            created.put(JSON.readTree(response.body()).get("id").asText(), System.nanoTime());
        }
        return created;
    }

    /** Milliseconds from each intent's creation to its payment_intent.created at the receiver, sorted. */
    static List<Long> latencies(Receiver receiver, Map<String, Long> created) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Long, String> r : receiver.received()) {
                JsonNode event = JSON.readTree(r.getValue());
                String id = event.get("data").get("id").asText();
                if (created.containsKey(id) && "payment_intent.created".equals(event.get("type").asText())) {
                    arrived.putIfAbsent(id, r.getKey());
                }
            }
            if (arrived.keySet().containsAll(created.keySet())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(created.keySet(), arrived.keySet(), "every intent's event arrived within 30 s");
        List<Long> millis = new ArrayList<>();
        created.forEach((id, at) -> millis.add((arrived.get(id) - at) / 1_000_000));
        Collections.sort(millis);
        return millis;
    }

    static long p99(List<Long> sorted) {
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }

    @Test
    void anEndpointThatHangsDoesNotDelayTheOtherEndpointsDeliveries() throws Exception {
        try (Receiver healthy = Receiver.start(0); Receiver hanging = Receiver.start(10_000)) {
            String healthyId = subscribe(healthy, "[\"payment_intent.created\"]");
            List<Long> alone = latencies(healthy, createIntents(20));

            String hangingId = subscribe(hanging, "[\"payment_intent.created\"]");
            List<Long> beside = latencies(healthy, createIntents(20));
            System.out.println("webhook latency to a healthy endpoint over 20 intents: p99 " + p99(alone) + " ms alone, "
                    + p99(beside) + " ms beside an endpoint that hangs 10 s (" + hanging.received().size()
                    + " requests to it); all: " + alone + " / " + beside);
            assertTrue(hanging.received().size() >= 1, "the hanging endpoint was called");
            assertTrue(p99(beside) < Math.max(2 * p99(alone), p99(alone) + 1500),
                    "p99 " + p99(beside) + " ms beside a hanging endpoint vs " + p99(alone) + " ms alone");
            send("DELETE", "/webhooks/" + healthyId, null);
            send("DELETE", "/webhooks/" + hangingId, null);
        }
    }

    @Test
    void oneIntentsEventsReachAnEndpointInSequenceOrder() throws Exception {
        try (Receiver receiver = Receiver.start(0)) {
            String id = subscribe(receiver, "[\"payment_intent.created\",\"payment_intent.action_required\","
                    + "\"payment_intent.successful\",\"payment.action_required\",\"payment.successful\","
                    + "\"payment_intent.processing\",\"payment.processing\"]");
            List<String> intents = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> created = send("POST", "/payment-intents",
                        "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_o" + i + "\",\"amount\":1000,\"currency\":\"XOF\"}");
                JsonNode intent = JSON.readTree(created.body());
                String token = intent.get("token").asText();
                intents.add(intent.get("id").asText());
                HttpResponse<String> attempted = send("POST", "/payment-intents/" + intent.get("id").asText() + "/payments",
                        "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"orange\","
                                + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}");
                assertEquals(201, attempted.statusCode(), attempted.body());
                HttpResponse<String> authenticated = send("POST", "/payment-intents/" + intent.get("id").asText() + "/authentication",
                        "{\"token\":\"" + token + "\",\"confirmationCode\":\"1234\"}");
                assertEquals(201, authenticated.statusCode(), authenticated.body());
            }
            long deadline = System.nanoTime() + 40_000_000_000L;
            Map<String, List<Long>> sequences = new ConcurrentHashMap<>();
            while (System.nanoTime() < deadline) {
                sequences.clear();
                for (Map.Entry<Long, String> r : receiver.received()) {
                    JsonNode event = JSON.readTree(r.getValue());
                    String intentId = event.get("type").asText().startsWith("payment.")
                            ? event.get("data").get("intentId").asText() : event.get("data").get("id").asText();
                    assertTrue(event.has("sequence") && event.get("sequence").asLong() > 0, "a sequence in " + r.getValue());
                    sequences.computeIfAbsent(intentId, k -> new CopyOnWriteArrayList<>()).add(event.get("sequence").asLong());
                }
                if (intents.stream().allMatch(i -> sequences.getOrDefault(i, List.of()).size() >= 5)) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.println("arrival order of sequences per intent: " + sequences);
            for (String intent : intents) {
                List<Long> arrived = sequences.getOrDefault(intent, List.of());
                assertTrue(arrived.size() >= 5, intent + ": " + arrived);
                List<Long> sorted = new ArrayList<>(arrived);
                Collections.sort(sorted);
                assertEquals(sorted, arrived, intent + "'s events arrived in sequence order");
            }
            send("DELETE", "/webhooks/" + id, null);
        }
    }
}
