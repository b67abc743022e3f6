package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A shop's own page calling the token routes from the shopper's browser, as HUB2 documents: a real
 * cross-origin {@code fetch()} in headless Chromium, from a page served by another server under another host
 * name ({@code shop.example}, mapped to 127.0.0.1 by Chromium's resolver rules, so its Origin is foreign to
 * local-api's 127.0.0.1 host) to local-api on the repository's template and the functions' shaded jars.
 * <p>
 * Needs Chromium and chromedriver like {@link BrowserFlowsTest}; {@code CAURI_SKIP_BROWSER_TESTS=true} skips it.
 */
class BrowserCorsTest {
    private static final String MERCHANT = "m_cors";
    private static final String KEY = "sk_cors_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profileDir;
    static LocalApi api;
    static HttpServer shop;
    static String shopOrigin;
    static ChromeDriverService driverService;
    static ChromeDriver browser;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("CAURI_SKIP_BROWSER_TESTS"))) {
            Assumptions.abort("CAURI_SKIP_BROWSER_TESTS=true: the browser tests are not run");
        }
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("needs chromium and chromedriver (" + chromium + ", " + chromedriver + "), see BrowserFlowsTest");
        }
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml")));

        // the shop: a blank page of its own, on another port and under another name
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>shop</title><p>shop".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        shopOrigin = "http://shop.example:" + shop.getAddress().getPort();

        driverService = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--host-resolver-rules=MAP shop.example 127.0.0.1",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (shop != null) {
            shop.stop(0);
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aShopsPageAttemptsAuthenticatesAndPollsWithTheTokenCrossOrigin() throws Exception {
        JsonNode intent = createIntent();
        String id = intent.get("id").asText();
        String token = intent.get("token").asText();
        browser.get(shopOrigin + "/");
        assertEquals(shopOrigin, browser.executeScript("return location.origin"));

        // JSON bodies: each POST is preflighted first, then sent with the shop's Origin
        Map<String, Object> attempt = fetch("POST", api.baseUrl() + "/payment-intents/" + id + "/payments",
                "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"orange\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}", false);
        assertEquals(201L, attempt.get("status"), String.valueOf(attempt));
        JsonNode attempted = JSON.readTree((String) attempt.get("body"));
        assertEquals("action_required", attempted.get("status").asText());
        assertEquals("otp", attempted.get("nextAction").get("type").asText());

        Map<String, Object> authenticate = fetch("POST", api.baseUrl() + "/payment-intents/" + id + "/authentication",
                "{\"token\":\"" + token + "\",\"confirmationCode\":\"1234\"}", false);
        assertEquals(201L, authenticate.get("status"), String.valueOf(authenticate));
        assertEquals("successful", JSON.readTree((String) authenticate.get("body")).get("status").asText());

        Map<String, Object> status = fetch("GET", api.baseUrl() + "/payment-intents/" + id + "/status?token=" + token,
                null, false);
        assertEquals(200L, status.get("status"), String.valueOf(status));
        assertEquals("successful", JSON.readTree((String) status.get("body")).get("status").asText());
        // the response headers the page may read
        assertTrue(String.valueOf(status.get("requestId")).startsWith("req_"), String.valueOf(status));
    }

    @Test
    void anApiKeyRouteStaysClosedToTheShopsPage() throws Exception {
        JsonNode intent = createIntent();
        browser.get(shopOrigin + "/");
        // a server route with the merchant's key: its preflight gets no CORS answer, the browser never sends it
        Map<String, Object> create = fetch("POST", api.baseUrl() + "/payment-intents",
                "{\"customerReference\":\"c\",\"purchaseReference\":\"p\",\"amount\":100,\"currency\":\"XOF\"}", true);
        assertTrue(create.containsKey("error"), String.valueOf(create));
        assertNull(create.get("status"));
        // a token route read with the key instead of the token: the key headers are not allowed cross-origin
        Map<String, Object> withKey = fetch("GET", api.baseUrl() + "/payment-intents/" + intent.get("id").asText(),
                null, true);
        assertTrue(withKey.containsKey("error"), String.valueOf(withKey));
        assertNull(withKey.get("status"));
    }

    /** The exact calls of the issue, without a browser: the preflight, then the call with the shop's Origin. */
    @Test
    void thePreflightedCallItselfIsAnsweredNotRefused() throws Exception {
        JsonNode intent = createIntent();
        String id = intent.get("id").asText();
        String origin = "https://shop.example";
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payment-intents/"
                + id + "/payments")).header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, preflight.statusCode(), preflight.body());
        HttpResponse<String> attempted = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payment-intents/"
                + id + "/payments")).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + intent.get("token").asText()
                        + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                        + "\"mobileMoney\":{\"msisdn\":\"00000001\"}}")));
        assertEquals(201, attempted.statusCode(), attempted.body());
        assertEquals("*", attempted.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        // a server route keeps the local host's guard against foreign pages, and has no CORS
        HttpResponse<String> server = send(merchant("/payment-intents").header("Origin", origin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerReference\":\"c\",\"purchaseReference\":\"p\",\"amount\":100,\"currency\":\"XOF\"}")));
        assertEquals(403, server.statusCode(), server.body());
        assertEquals("Origin", JSON.readTree(server.body()).get("param").asText());
        assertNull(server.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    /** fetch() in the shop's page; {status, body, requestId} or {error} when the browser refuses it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(String method, String url, String body, boolean withKey) {
        return (Map<String, Object>) browser.executeAsyncScript("""
                const [method, url, body, withKey, key, merchant, done] = arguments;
                const headers = {};
                if (body !== null) headers['Content-Type'] = 'application/json';
                if (withKey) { headers['ApiKey'] = key; headers['MerchantId'] = merchant; headers['Environment'] = 'sandbox'; }
                fetch(url, {method, headers, body: body === null ? undefined : body, mode: 'cors'})
                  .then(r => r.text().then(t => done({status: r.status, body: t, requestId: r.headers.get('Request-Id')})))
                  .catch(e => done({error: String(e)}));
                """, method, url, body, withKey, KEY, MERCHANT);
    }

    private static JsonNode createIntent() throws Exception {
        HttpResponse<String> created = send(merchant("/payment-intents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerReference\":\"cust_cors\",\"purchaseReference\":\"order_"
                        + System.nanoTime() + "\",\"amount\":1000,\"currency\":\"XOF\"}")));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    private static HttpRequest.Builder merchant(String path) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
