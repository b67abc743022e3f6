package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local-api where the SNS/SQS emulator cannot run (forced here with {@code cauri.local.events-in-process}): it
 * says so, and an intent's events still reach a subscribed receiver, signed, through the real dispatcher.
 */
class LocalApiInProcessEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty(EventPipeline.IN_PROCESS, "true");
        api = LocalApi.start(new Options(0, "m_demo", "sk_demo_0123456789", dataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EventPipeline.IN_PROCESS);
        if (api != null) {
            api.close();
        }
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", "sk_demo_0123456789").header("MerchantId", "m_demo").header("Environment", "sandbox")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventsAreDeliveredInProcessWithoutTheEmulator() throws Exception {
        BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(Map.of("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "Hub2-Signature", exchange.getRequestHeaders().getFirst("Hub2-Signature"),
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            HttpResponse<String> subscribed = post("/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks\",\"events\":[\"payment_intent.created\"]}");
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            WebhookSecret secret = new WebhookSecret(JSON.readTree(subscribed.body()).get("secret").asText());
            HttpResponse<String> created = post("/payment-intents",
                    "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}");
            assertEquals(201, created.statusCode(), created.body());

            Map<String, String> delivery = received.poll(30, TimeUnit.SECONDS);
            assertTrue(delivery != null, "no webhook within 30 s");
            JsonNode event = JSON.readTree(delivery.get("body"));
            assertEquals(JSON.readTree(created.body()).get("id").asText(), event.get("data").get("id").asText());
            assertEquals(List.of(WebhookSignatures.Verification.VALID, WebhookSignatures.Verification.VALID),
                    WebhookSignatures.verifyBoth(delivery, delivery.get("body"), secret, Instant.now()));
        } finally {
            receiver.stop(0);
        }
    }
}
