package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cauri.localaws.LocalClients;
import io.cauri.merchant.Merchant;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.TableNames;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyStore;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance of live payments, end to end over HTTP: local-api started with {@code --simulated-providers} and
 * {@code --live-api-key}, a merchant makes live payments through each connector (MTN MoMo, Wave, FedaPay) against
 * the repository's simulators of their published APIs, each reaches its final status, and the merchant's webhook
 * endpoint receives the signed event. The provider window is short, so the reconciliation's status read settles a
 * payment whether or not the provider's callback arrives. Needs the functions' jars (run from the repository root).
 *
 * <p>Live mode takes only public https webhook endpoints. The merchant's endpoint here is {@code https://merchant.test}
 * with a certificate made for the test and trusted by this JVM; surefire's {@code live-payments} execution (local-api
 * pom) runs this class in a JVM whose resolver maps that name to 127.0.0.1, and {@code cauri.webhooks.loopback=all}
 * lets the webhooks reach it (the setting exists for such tests). Elsewhere the class is skipped.
 */
class LocalApiLivePaymentsTest {
    private static final String MERCHANT = "m_live_demo";
    private static final String LIVE_KEY = "sk_live_demo_0123456789";
    private static final String SHOP = "https://shop.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    static LocalApi api;
    static HttpsServer receiver;
    static SSLContext previousDefault;
    static final BlockingQueue<Map<String, String>> deliveries = new LinkedBlockingQueue<>();
    static WebhookSecret secret;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getProperty("jdk.net.hosts.file") != null,
                "runs in the live-payments execution of local-api/pom.xml, where merchant.test is this machine");
        SSLContext tls = merchantTls();
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(tls); // the webhook sender's sockets trust the merchant's certificate
        System.setProperty("cauri.webhooks.loopback", "all");
        System.setProperty(EventPipeline.IN_PROCESS, "true");
        System.setProperty("cauri.payments.provider-window", "2s"); // the first status read 2 s after an attempt
        api = LocalApi.start(new Options(0, MERCHANT, "sk_demo_0123456789", dataDir, Path.of("../template.yaml"), false)
                .withSimulatedProviders(LIVE_KEY));
        allowRedirectsTo(SHOP); // what `merchant-cli set-urls --redirect-origins` does: Wave's redirection flow needs it live

        receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(tls));
        receiver.createContext("/", exchange -> {
            deliveries.add(Map.of("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    "Hub2-Signature", String.valueOf(exchange.getRequestHeaders().getFirst("Hub2-Signature")),
                    "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        HttpResponse<String> subscribed = live("/webhooks", "{\"url\":\"https://merchant.test:" + receiver.getAddress().getPort()
                + "/hooks\",\"events\":[\"payment_intent.successful\",\"payment_intent.payment_failed\"]}");
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        secret = new WebhookSecret(JSON.readTree(subscribed.body()).get("secret").asText());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(EventPipeline.IN_PROCESS);
        System.clearProperty("cauri.webhooks.loopback");
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
        System.clearProperty("cauri.payments.provider-window");
        if (receiver != null) {
            receiver.stop(0);
        }
        if (api != null) {
            api.close();
        }
        ProvidersConfig.clear();
    }

    @Test
    void mtnMomoLivePaymentSucceedsAfterThePayerApprovesOnThePhone() throws Exception {
        JsonNode intent = createLiveIntent();
        JsonNode attempted = attempt(intent, "CI", "mtn", "{\"msisdn\":\"46733123499\"}");
        assertEquals("action_required", attempted.get("status").asText(), attempted.toString());
        assertEquals("ussd", attempted.get("nextAction").get("type").asText());
        assertEquals("mtn-momo", attempted.get("payments").get(0).get("gatewayId").asText());
        assertSignedWebhook(intent, "payment_intent.successful");
        assertEquals("successful", status(intent));
        assertEquals(1, api.live().simulators().mtn().acceptedRequestsFor(attempted.get("payments").get(0).get("id").asText()));
    }

    @Test
    void waveLivePaymentSucceedsWhenThePayerPaysOnWavesPage() throws Exception {
        JsonNode intent = createLiveIntent();
        JsonNode attempted = attempt(intent, "SN", "wave", "{\"msisdn\":\"221770000001\",\"onSuccessRedirectionUrl\":\""
                + SHOP + "/ok\",\"onFailedRedirectionUrl\":\"" + SHOP + "/ko\"}");
        assertEquals("action_required", attempted.get("status").asText(), attempted.toString());
        String launch = attempted.get("nextAction").get("data").get("url").asText();
        URI wave = api.live().simulators().wave().baseUrl();
        assertTrue(launch.startsWith(wave.toString() + "/c/"), launch);
        // the payer presses Pay on Wave's page
        HttpResponse<String> paid = CLIENT.send(HttpRequest.newBuilder(URI.create(launch.substring(0, launch.indexOf('?')) + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, paid.statusCode(), paid.body());
        assertEquals(SHOP + "/ok", paid.headers().firstValue("Location").orElse(null));
        assertSignedWebhook(intent, "payment_intent.successful");
        assertEquals("successful", status(intent));
    }

    @Test
    void fedaPayLivePaymentSucceedsAndAnInsufficientFundsOneFailsWithHub2sCode() throws Exception {
        JsonNode paid = createLiveIntent();
        JsonNode attempted = attempt(paid, "BJ", "moov", "{\"msisdn\":\"22964000001\"}");
        assertEquals("fedapay", attempted.get("payments").get(0).get("gatewayId").asText(), attempted.toString());
        assertSignedWebhook(paid, "payment_intent.successful");
        assertEquals("successful", status(paid));

        JsonNode refused = createLiveIntent();
        attempt(refused, "BJ", "moov", "{\"msisdn\":\"22964000002\"}");
        JsonNode event = assertSignedWebhook(refused, "payment_intent.payment_failed");
        assertEquals("customer_insufficient_funds", event.get("data").get("lastPaymentFailure").get("code").asText(),
                event.toString());
    }

    /** Waits for this intent's event of this type at the merchant's endpoint, and checks both signatures. */
    private static JsonNode assertSignedWebhook(JsonNode intent, String type) throws Exception {
        String id = intent.get("id").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Map<String, String> delivery = deliveries.poll(1, TimeUnit.SECONDS);
            if (delivery == null) {
                continue;
            }
            JsonNode event = JSON.readTree(delivery.get("body"));
            if (!id.equals(event.get("data").get("id").asText()) || !type.equals(event.get("type").asText())) {
                deliveries.add(delivery); // another test's: left for it
                Thread.sleep(50);
                continue;
            }
            assertEquals(List.of(WebhookSignatures.Verification.VALID, WebhookSignatures.Verification.VALID),
                    WebhookSignatures.verifyBoth(delivery, delivery.get("body"), secret, Instant.now()));
            assertEquals("live", event.get("data").get("mode").asText(), event.toString());
            return event;
        }
        throw new AssertionError("no " + type + " webhook for " + id + " within 60 s; intent now " + status(intent));
    }

    private static JsonNode createLiveIntent() throws Exception {
        HttpResponse<String> created = live("/payment-intents",
                "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode intent = JSON.readTree(created.body());
        assertEquals("live", intent.get("mode").asText());
        return intent;
    }

    private static JsonNode attempt(JsonNode intent, String country, String provider, String mobileMoney) throws Exception {
        String body = "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\",\"country\":\""
                + country + "\",\"provider\":\"" + provider + "\",\"mobileMoney\":" + mobileMoney + "}";
        HttpResponse<String> attempted = CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payment-intents/"
                        + intent.get("id").asText() + "/payments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, attempted.statusCode(), attempted.body());
        return JSON.readTree(attempted.body());
    }

    private static String status(JsonNode intent) throws Exception {
        HttpResponse<String> status = CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payment-intents/"
                + intent.get("id").asText() + "/status?token=" + intent.get("token").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode(), status.body());
        return JSON.readTree(status.body()).get("status").asText();
    }

    private static HttpResponse<String> live(String path, String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", LIVE_KEY).header("MerchantId", MERCHANT).header("Environment", "live")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A key pair and self-signed certificate for merchant.test (the JDK's keytool), serving and trusted. */
    private static SSLContext merchantTls() throws Exception {
        Path dir = Files.createTempDirectory("merchant-tls");
        Path store = dir.resolve("merchant.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "merchant", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=merchant.test",
                "-ext", "SAN=dns:merchant.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static void allowRedirectsTo(String origin) {
        DynamoDbClient dynamo = LocalClients.dynamoDb(System.getProperty("cauri.dynamodb.endpoint"));
        var merchants = new DynamoMerchantRepository(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                dynamo, TableNames.defaults());
        Merchant m = merchants.find(MERCHANT).orElseThrow();
        merchants.save(new Merchant(m.id(), m.name(), m.apiKeys(), m.redirectionUrls(), List.of(origin)));
        assertNotNull(merchants.find(MERCHANT).orElseThrow().redirectOrigins());
    }
}
