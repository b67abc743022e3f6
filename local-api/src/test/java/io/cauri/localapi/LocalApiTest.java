package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: local-api started as a developer starts it, on the repository's template and the functions'
 * real shaded jars (built earlier in the reactor), called over HTTP. Needs functions/&#42;/target/&#42;.jar:
 * run it through {@code ./mvnw verify} from the repository root.
 */
class LocalApiTest {

    private static final String MERCHANT = "m_demo";
    private static final String KEY = "sk_demo_0123456789";
    private static final String CREATE = """
            {"customerReference":"cust_1","purchaseReference":"order_1","amount":1000,"currency":"XOF"}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static LocalApi api;
    static HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        // --no-rate-limits: every request here comes from 127.0.0.1 (the limits are tested through the functions)
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml"), false));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void createsRetrievesPollsAndListsAnIntentThroughTheRealFunctions() throws Exception {
        HttpResponse<String> created = send(merchant(request("/payment-intents"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CREATE)));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode intent = JSON.readTree(created.body());
        String id = intent.get("id").asText();
        String token = intent.get("token").asText();
        assertTrue(id.startsWith("pi_"), id);
        assertTrue(!token.isEmpty());

        HttpResponse<String> retrieved = send(merchant(request("/payment-intents/" + id)).GET());
        assertEquals(200, retrieved.statusCode(), retrieved.body());
        assertEquals(id, JSON.readTree(retrieved.body()).get("id").asText());

        HttpResponse<String> status = send(request("/payment-intents/" + id + "/status?token=" + token).GET());
        assertEquals(200, status.statusCode(), status.body());
        assertEquals(JSON.readTree("{\"id\":\"" + id + "\",\"status\":\"payment_required\"}"), JSON.readTree(status.body()));

        HttpResponse<String> list = send(merchant(request("/payment-intents")).GET());
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(Long.parseLong(list.headers().firstValue("X-Total-Count").orElseThrow()) >= 1);
        assertTrue(JSON.readTree(list.body()).isArray());
    }

    private JsonNode createIntent() throws Exception {
        HttpResponse<String> created = send(merchant(request("/payment-intents"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CREATE)));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    private HttpResponse<String> attempt(JsonNode intent, String provider) throws Exception {
        String body = "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\","
                + "\"country\":\"CI\",\"provider\":\"" + provider + "\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}";
        return send(request("/payment-intents/" + intent.get("id").asText() + "/payments")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String statusByToken(JsonNode intent) throws Exception {
        HttpResponse<String> status = send(request("/payment-intents/" + intent.get("id").asText() + "/status?token="
                + intent.get("token").asText()).GET());
        return JSON.readTree(status.body()).get("status").asText();
    }

    @Test
    void aUssdPaymentCompletesThroughTheInProcessDelayedQueue() throws Exception {
        JsonNode intent = createIntent();
        HttpResponse<String> attempted = attempt(intent, "mtn");
        assertEquals(201, attempted.statusCode(), attempted.body());
        assertEquals("action_required", JSON.readTree(attempted.body()).get("status").asText());
        long deadline = System.nanoTime() + 15_000_000_000L; // the simulated payer answers after 3 s
        while (!statusByToken(intent).equals("successful") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("successful", statusByToken(intent));
    }

    /**
     * The books through the real jars: a payment settled by the provider-events path (the in-process delayed
     * queue) is posted with its success, and shows in the balance (both families) and the statements.
     */
    @Test
    void aPaymentThatSucceedsIsInTheBalanceAndTheStatements() throws Exception {
        JsonNode intent = createIntent();
        HttpResponse<String> attempted = attempt(intent, "mtn");
        assertEquals(201, attempted.statusCode(), attempted.body());
        String paymentId = JSON.readTree(attempted.body()).get("payments").get(0).get("id").asText();
        long before = JSON.readTree(send(merchant(request("/balance?currency=XOF")).GET()).body())
                .get("collectionAccount").get(0).get("availableBalance").asLong();
        long deadline = System.nanoTime() + 15_000_000_000L; // the simulated payer answers after 3 s
        while (!statusByToken(intent).equals("successful") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("successful", statusByToken(intent));

        HttpResponse<String> balance = send(merchant(request("/balance?currency=XOF")).GET());
        assertEquals(200, balance.statusCode(), balance.body());
        assertEquals(before + 1000, JSON.readTree(balance.body()).get("collectionAccount").get(0)
                .get("availableBalance").asLong(), balance.body());
        HttpResponse<String> v1 = send(request("/api/v1/balance").header("Authorization", "Bearer " + KEY).GET());
        assertEquals(200, v1.statusCode(), v1.body());
        assertEquals("balance", JSON.readTree(v1.body()).get("object").asText());
        HttpResponse<String> statements = send(request("/api/v1/balance_transactions?limit=100")
                .header("Authorization", "Bearer " + KEY).GET());
        assertEquals(200, statements.statusCode(), statements.body());
        JsonNode posted = null;
        for (JsonNode t : JSON.readTree(statements.body()).get("data")) {
            if (paymentId.equals(t.get("source").asText())) {
                posted = t;
            }
        }
        assertTrue(posted != null, "no balance transaction of " + paymentId + ": " + statements.body());
        assertEquals("payment", posted.get("type").asText());
        assertEquals(1000, posted.get("net").asLong());
    }

    @Test
    void aWaveRedirectionIsApprovedOnTheSandboxPageThisServerServes() throws Exception {
        JsonNode intent = createIntent();
        HttpResponse<String> attempted = attempt(intent, "wave");
        assertEquals(201, attempted.statusCode(), attempted.body());
        String url = JSON.readTree(attempted.body()).get("nextAction").get("data").get("url").asText();
        assertTrue(url.startsWith(api.baseUrl() + "/sandbox/payments/pay_"), url);

        HttpResponse<String> page = send(HttpRequest.newBuilder(java.net.URI.create(url)).GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("1\u00a0000\u00a0XOF"), page.body());
        HttpResponse<String> approved = send(HttpRequest.newBuilder(java.net.URI.create(url + "/approve"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(303, approved.statusCode(), approved.body());
        assertEquals("successful", statusByToken(intent));
    }

    @Test
    void answers404JsonForAnUnknownRoute() throws Exception {
        HttpResponse<String> response = send(request("/nowhere").DELETE());
        assertEquals(404, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(404, body.get("status").asInt());
        assertEquals("not_found", body.get("code").asText());
        assertEquals("No route for DELETE /nowhere", body.get("message").asText());
        assertTrue(body.get("request_id").asText().startsWith("req_"));
    }

    @Test
    void refusesAWrongApiKey() throws Exception {
        HttpResponse<String> response = send(request("/payment-intents")
                .header("ApiKey", "sk_sandbox_wrong").header("MerchantId", MERCHANT).header("Environment", "sandbox").GET());
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void listensOnLoopbackOnlyAsDoesDynamoDbLocal() throws IOException {
        assertEquals(InetAddress.getByName("127.0.0.1"), api.address().getAddress());
        int dynamoPort = URI.create(System.getProperty("cauri.dynamodb.endpoint")).getPort();
        for (InetAddress other : nonLoopbackAddresses()) { // this machine's other addresses, if it has any
            for (int port : new int[]{api.port(), dynamoPort}) {
                try (Socket socket = new Socket()) {
                    assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(other, port), 2000),
                            "port " + port + " reachable through " + other);
                }
            }
        }
    }

    @Test
    void failsAtOnceWhenThePortIsTaken(@TempDir Path dir) {
        long start = System.nanoTime();
        assertThrows(BindException.class, () -> LocalApi.start(new Options(api.port(), "m_x", null, dir, Path.of("../template.yaml"))));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "before any cold start");
    }

    @Test
    void subscribesAWebhookToALocalReceiverWithItsSecretSealedByALocalKey() throws Exception {
        HttpResponse<String> created = send(merchant(request("/webhooks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\"http://127.0.0.1:8080/webhooks\",\"events\":[\"payment_intent.successful\"]}")));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode endpoint = JSON.readTree(created.body());
        assertTrue(endpoint.get("secret").asText().startsWith("whsec_"), created.body());
        HttpResponse<String> listed = send(merchant(request("/webhooks")).GET());
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains(endpoint.get("id").asText()) && !listed.body().contains("whsec_"), listed.body());
        assertTrue(Files.isRegularFile(dataDir.resolve("webhook-secrets-key")));
    }

    @Test
    void anIntentsEventsReachASubscribedLocalReceiverSigned() throws Exception {
        java.util.concurrent.BlockingQueue<String[]> received = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            received.add(new String[]{body, exchange.getRequestHeaders().getFirst("Hub2-Signature"),
                    exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature")});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            HttpResponse<String> subscribed = send(merchant(request("/webhooks")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"url\":\"" + url + "\",\"events\":[\"payment_intent.created\"]}")));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            var secret = new io.cauri.webhook.WebhookSecret(JSON.readTree(subscribed.body()).get("secret").asText());

            HttpResponse<String> created = send(merchant(request("/payment-intents"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CREATE)));
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).get("id").asText();

            // events of intents the other tests created may still be on their way: wait for this intent's
            String[] delivery = null;
            JsonNode event = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (event == null && System.nanoTime() < deadline) {
                String[] next = received.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (next != null && JSON.readTree(next[0]).get("data").get("id").asText().equals(id)) {
                    delivery = next;
                    event = JSON.readTree(next[0]);
                }
            }
            assertTrue(event != null, "no webhook for " + id + " within 30 s");
            assertEquals("payment_intent.created", event.get("type").asText());
            assertEquals(event.get("id").asText(), delivery[2]);
            var headers = Map.of("Hub2-Signature", delivery[1], "webhook-id", delivery[2], "webhook-timestamp", delivery[3],
                    "webhook-signature", delivery[4]);
            assertEquals(List.of(io.cauri.webhook.WebhookSignatures.Verification.VALID,
                            io.cauri.webhook.WebhookSignatures.Verification.VALID),
                    io.cauri.webhook.WebhookSignatures.verifyBoth(headers, delivery[0], secret, java.time.Instant.now()));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void keepsTheSigningKeyInTheDataDirectory() throws IOException {
        Path key = dataDir.resolve(SigningKeyFile.NAME);
        assertTrue(Files.readString(key).strip().length() >= 43);
        assertEquals(key.toAbsolutePath().toString(), System.getProperty("cauri.token.signing-key-file"));
    }

    @Test
    void refusesToStartWhenAFunctionJarIsMissing(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Ghost:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/ghost/target/ghost.jar
                      Handler: example.Handler
                      Events:
                        Get: {Type: HttpApi, Properties: {Method: GET, Path: /ghost}}
                """);
        StartupException e = assertThrows(StartupException.class,
                () -> LocalApi.start(new Options(0, "m_x", null, null, template)));
        assertTrue(e.getMessage().contains("Ghost"), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw -q -DskipTests -Dproguard.skip=true package"), e.getMessage());
    }

    @Test
    void servesTheOpenApiDocumentOfEveryRouteItServes() throws Exception {
        HttpResponse<String> document = send(request("/openapi.yaml").GET());
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
        JsonNode paths = JSON.valueToTree(new org.yaml.snakeyaml.Yaml().<Map<String, Object>>load(document.body())).path("paths");
        for (Route route : SamTemplate.load(Path.of("../template.yaml")).routes()) {
            if (route.method().equals("OPTIONS")) {
                continue; // CORS preflights: answered by a filter, no operation of the API
            }
            assertTrue(paths.path(route.path()).has(route.method().toLowerCase(java.util.Locale.ROOT)),
                    route.method() + " " + route.path() + " is not in /openapi.yaml");
        }
        assertEquals(404, send(request("/openapi.yamlx").GET()).statusCode());
        assertEquals(405, send(request("/openapi.yaml").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void servesTheReferencePageAndItsScriptsFromItsOwnClasspath() throws Exception {
        HttpResponse<String> page = send(request("/docs").GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("url: \"/openapi.yaml\""), page.body());
        assertTrue(!page.body().contains("https://"), "the page loads nothing from a CDN: " + page.body());
        for (String asset : List.of("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css")) {
            HttpResponse<String> served = send(request(asset).GET());
            assertEquals(200, served.statusCode(), asset);
            assertTrue(served.body().length() > 10_000, asset + " is " + served.body().length() + " characters");
        }
        assertTrue(send(request("/docs/swagger-ui-bundle.js").GET()).body().contains("SwaggerUIBundle"));
        assertEquals(404, send(request("/docs/..%2Fcauri.yml").GET()).statusCode());
        assertEquals(404, send(request("/docs/nothing.js").GET()).statusCode());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + pathAndQuery));
    }

    private static HttpRequest.Builder merchant(HttpRequest.Builder request) {
        return request.header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
    }
}
