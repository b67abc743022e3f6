package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cauri.localaws.Fauxqs;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * local-api with a broken SNS/SQS emulator folder (named by {@code cauri.local.emulator-dir}): the fauxqs package is
 * there and Node imports it, but it lacks what the loopback wrapper needs, so the emulator exits at start — as after
 * an interrupted {@code npm ci}. local-api says so in its one events line, starts anyway, delivers an intent's webhook
 * in-process, and prints how long its start took.
 */
class LocalApiBrokenEmulatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path emulator;
    static LocalApi api;
    static String startOutput;

    @BeforeAll
    static void start() throws Exception {
        Path tools = Path.of("..", "tools", "aws-emulators");
        Files.copy(tools.resolve(Fauxqs.SCRIPT), emulator.resolve(Fauxqs.SCRIPT));
        Files.copy(tools.resolve("package.json"), emulator.resolve("package.json"));
        Path fauxqs = Files.createDirectories(emulator.resolve("node_modules").resolve("fauxqs"));
        Files.writeString(fauxqs.resolve("package.json"), "{\"name\":\"fauxqs\",\"version\":\"1.9.2\",\"type\":\"module\",\"main\":\"index.js\"}");
        Files.writeString(fauxqs.resolve("index.js"), "export const version = '1.9.2';\n"); // no buildApp
        System.setProperty(EventPipeline.EMULATOR_DIR, emulator.toString());
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            api = LocalApi.start(new Options(0, "m_demo", "sk_demo_0123456789", dataDir, Path.of("../template.yaml"), false));
        } finally {
            System.setOut(out);
            startOutput = captured.toString(StandardCharsets.UTF_8);
            System.out.print(startOutput);
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EventPipeline.EMULATOR_DIR);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aBrokenEmulatorIsReportedInOneLineAndEventsRunInProcess() {
        String mode = api.eventsMode();
        assertTrue(mode.startsWith("in-process (the SNS/SQS emulator in " + emulator + " failed to start: "), mode);
        assertTrue(mode.contains("buildApp") && mode.contains("npm ci --prefix tools/aws-emulators"), mode);
        List<String> lines = startOutput.lines().filter(l -> l.contains("Events and webhooks")).toList();
        assertEquals(1, lines.size(), startOutput);
        assertTrue(lines.get(0).endsWith(mode), lines.get(0));
    }

    @Test
    void nodesOutputBecomesOneLine() {
        String output = "The SNS/SQS emulator did not start: file:///x/fauxqs-loopback.mjs:3\n"
                + "import { buildApp } from 'fauxqs';\n         ^^^^^^^^\n"
                + "SyntaxError: The requested module 'fauxqs' does not provide an export named 'buildApp'\n"
                + "    at ModuleJob._instantiate (node:internal/modules/esm/module_job:180:21)\n\nNode.js v20.20.2";
        assertEquals("The SNS/SQS emulator did not start: file:///x/fauxqs-loopback.mjs:3 … SyntaxError: The requested "
                + "module 'fauxqs' does not provide an export named 'buildApp'", EventPipeline.oneLine(output));
        assertEquals("Node is not on the PATH", EventPipeline.oneLine("Node is not on the PATH"));
        assertEquals("no reason given", EventPipeline.oneLine(null));
    }

    @Test
    void startUpPrintsHowLongItTook() {
        assertTrue(startOutput.lines().anyMatch(l -> l.matches("Cauri local API ready in \\d+\\.\\d s.*")), startOutput);
    }

    @Test
    void aWebhookIsStillDeliveredInProcess() throws Exception {
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
            assertEquals("payment_intent.created", event.get("type").asText());
            assertEquals(JSON.readTree(created.body()).get("id").asText(), event.get("data").get("id").asText());
            assertEquals(List.of(WebhookSignatures.Verification.VALID, WebhookSignatures.Verification.VALID),
                    WebhookSignatures.verifyBoth(delivery, delivery.get("body"), secret, Instant.now()));
        } finally {
            receiver.stop(0);
        }
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", "sk_demo_0123456789").header("MerchantId", "m_demo").header("Environment", "sandbox")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
