package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cauri.localapi.LocalApi;
import io.cauri.localapi.Options;
import io.cauri.webhook.WebhookSecret;
import io.cauri.webhook.WebhookSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code cauri} commands, run in-process as {@code main} runs them, against a real local-api (every function from
 * its jar, DynamoDB Local). The events feed is made to settle in 1 s instead of 30 (the functions read system
 * properties), and events travel in-process: {@code listen} reads only the feed, which both event paths fill alike.
 */
class CauriCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MERCHANT = "m_cli_test";
    static final String KEY = "sk_cli_test_0123456789abcdef";
    static final String LIVE_KEY = "sk_live_cli_test_0123456789abcdef";

    @TempDir
    static Path dir;
    static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("cauri.local.events-in-process", "true");
        System.setProperty("cauri.events.feed-settle", "1s");
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dir.resolve("data"), Path.of("../../template.yaml"), false)
                .withProviders(null, LIVE_KEY));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        System.clearProperty("cauri.local.events-in-process");
        System.clearProperty("cauri.events.feed-settle");
    }

    record Run(int exit, String out, String err) {
    }

    /** One command, as the launcher runs it, with its output captured. */
    static Run cauri(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cauri.commandLine(Map.of());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static Path loggedIn(String name) {
        Path config = dir.resolve(name).resolve("config.json");
        Run login = cauri(config, "login", "--base-url", api.baseUrl(), "--merchant-id", MERCHANT, "--api-key", KEY);
        assertEquals(0, login.exit(), login.err());
        return config;
    }

    @Test
    void loginStoresEachEnvironmentOwnerOnlyAndNeverPrintsTheKey() throws Exception {
        Path config = dir.resolve("login").resolve("config.json");
        Run sandbox = cauri(config, "login", "--base-url", api.baseUrl(), "--merchant-id", MERCHANT, "--api-key", KEY);
        assertEquals(0, sandbox.exit(), sandbox.err());
        assertTrue(sandbox.out().contains("Logged in to sandbox as " + MERCHANT), sandbox.out());
        assertTrue(sandbox.out().contains("sk_cli_…cdef"), sandbox.out());
        Run live = cauri(config, "login", "--profile", "shop2", "--env", "live", "--base-url", api.baseUrl(),
                "--merchant-id", MERCHANT, "--api-key", LIVE_KEY);
        assertEquals(0, live.exit(), live.err());
        assertTrue(live.out().contains("Logged in to live as " + MERCHANT), live.out());
        assertTrue(live.out().contains("sk_live_…cdef"), live.out());
        for (Run run : List.of(sandbox, live)) {
            assertFalse(run.out().contains("0123456789ab") || run.err().contains("0123456789ab"), run.out());
        }

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())));
        JsonNode stored = JSON.readTree(config.toFile());
        assertEquals(KEY, stored.at("/profiles/default/sandbox/apiKey").asText());
        assertEquals(api.baseUrl(), stored.at("/profiles/default/sandbox/baseUrl").asText());
        assertEquals(LIVE_KEY, stored.at("/profiles/shop2/live/apiKey").asText());
        assertEquals(MERCHANT, stored.at("/profiles/shop2/live/merchantId").asText());

        // the stored logins are used: each environment with its own key
        assertEquals(0, cauri(config, "intents", "list").exit());
        Run liveList = cauri(config, "intents", "list", "--profile", "shop2", "--env", "live");
        assertEquals(0, liveList.exit(), liveList.err());
        Run notLoggedIn = cauri(config, "intents", "list", "--env", "live");
        assertEquals(Cauri.EXIT_USAGE, notLoggedIn.exit());
        assertTrue(notLoggedIn.err().contains("not logged in to live (profile default): run cauri login --env live"),
                notLoggedIn.err());
    }

    @Test
    void aWrongKeyIsRefusedWithTheApiErrorAndAnExitCode() throws Exception {
        Path config = dir.resolve("badkey").resolve("config.json");
        Run login = cauri(config, "login", "--base-url", api.baseUrl(), "--merchant-id", MERCHANT, "--api-key", "sk_cli_wrong_000000000000");
        assertEquals(Cauri.EXIT_API, login.exit(), login.out());
        assertTrue(login.err().startsWith("unauthorized: "), login.err());
        assertTrue(login.err().contains("HTTP 401, request_id req_"), login.err());
        assertFalse(Files.exists(config), "a refused login stores nothing");

        // stored without the check, then used: the same answer
        assertEquals(0, cauri(config, "login", "--base-url", api.baseUrl(), "--merchant-id", MERCHANT, "--api-key",
                "sk_cli_wrong_000000000000", "--no-verify").exit());
        Run list = cauri(config, "intents", "list");
        assertEquals(Cauri.EXIT_API, list.exit());
        assertTrue(list.err().startsWith("unauthorized: "), list.err());
        assertEquals("", list.out());

        Run unreachable = cauri(dir.resolve("unreachable.json"), "login", "--base-url", "http://127.0.0.1:1",
                "--merchant-id", MERCHANT, "--api-key", KEY);
        assertEquals(Cauri.EXIT_UNREACHABLE, unreachable.exit());
        assertTrue(unreachable.err().startsWith("cannot reach http://127.0.0.1:1"), unreachable.err());
    }

    @Test
    void intentsListAndGet() throws Exception {
        Path config = loggedIn("intents");
        Run created = cauri(config, "trigger", "payment_intent.created");
        assertEquals(0, created.exit(), created.err());
        String id = intentId(created.out());

        Run list = cauri(config, "intents", "list", "--per-page", "100");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("payment_required") && l.contains("1000 XOF")),
                list.out());

        Run get = cauri(config, "intents", "get", id);
        assertEquals(0, get.exit(), get.err());
        JsonNode intent = JSON.readTree(get.out());
        assertEquals(id, intent.get("id").asText());
        assertEquals("payment_required", intent.get("status").asText());

        Run missing = cauri(config, "intents", "get", "pi_doesNotExist0000000");
        assertEquals(Cauri.EXIT_API, missing.exit());
        assertTrue(missing.err().startsWith("not_found: "), missing.err());

        Run badPage = cauri(config, "intents", "list", "--per-page", "1000");
        assertEquals(Cauri.EXIT_API, badPage.exit());
        assertTrue(badPage.err().startsWith("invalid_parameter: ") && badPage.err().contains("(perPage)"), badPage.err());
    }

    /** The acceptance of issue 18 item 3: listen receives the payment_intent.successful that trigger produced. */
    @Test
    void listenForwardsTheSuccessfulEventThatTriggerProducedSignedLikeARealDelivery() throws Exception {
        Path config = loggedIn("listen");
        BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            Map<String, String> delivery = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> delivery.put(name, values.get(0)));
            delivery.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(delivery);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        StringWriter listenOut = new StringWriter();
        AtomicInteger listenExit = new AtomicInteger(-1);
        CommandLine listen = Cauri.commandLine(Map.of());
        listen.setOut(new PrintWriter(listenOut, true));
        listen.setErr(new PrintWriter(listenOut, true));
        String forwardTo = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Thread listening = new Thread(() -> listenExit.set(listen.execute("listen", "--forward-to", forwardTo,
                "--poll-interval", "200", "--config", config.toString())), "cauri-listen");
        listening.start();
        try {
            String secret = await(listenOut, Pattern.compile("signing secret is (whsec_\\S+)"));

            Run trigger = cauri(config, "trigger", "payment_intent.successful");
            assertEquals(0, trigger.exit(), trigger.err());
            String intentId = intentId(trigger.out());
            Matcher triggered = Pattern.compile("Triggered payment_intent.successful: (evt_\\S+)").matcher(trigger.out());
            assertTrue(triggered.find(), trigger.out());

            Map<String, String> delivery = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivery == null && System.nanoTime() < deadline) {
                Map<String, String> next = received.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    JsonNode event = JSON.readTree(next.get("body"));
                    if (event.path("type").asText().equals("payment_intent.successful")
                            && event.path("data").path("id").asText().equals(intentId)) {
                        delivery = next;
                    }
                }
            }
            assertNotNull(delivery, "listen forwarded no payment_intent.successful of " + intentId + " within 60 s:\n" + listenOut);
            JsonNode event = JSON.readTree(delivery.get("body"));
            assertEquals(triggered.group(1), event.get("id").asText());
            assertEquals("successful", event.at("/data/status").asText());
            assertEquals(event.get("id").asText(), delivery.get("webhook-id"));
            assertEquals("application/json", delivery.get("Content-Type"));
            assertEquals(event.get("correlationId").asText(), delivery.get("Cauri-Correlation-Id"));

            // the repository's verifier, and the README's own receiver code (an oracle written apart from the signer)
            assertEquals(List.of(WebhookSignatures.Verification.VALID, WebhookSignatures.Verification.VALID),
                    WebhookSignatures.verifyBoth(delivery, delivery.get("body"), new WebhookSecret(secret), Instant.now()));
            byte[] body = delivery.get("body").getBytes(StandardCharsets.UTF_8);
            assertTrue(readmeValidHub2(delivery.get("Hub2-Signature"), body, secret));
            assertTrue(readmeValidStandard(delivery.get("webhook-id"), delivery.get("webhook-timestamp"),
                    delivery.get("webhook-signature"), body, secret));
            assertFalse(readmeValidStandard(delivery.get("webhook-id"), delivery.get("webhook-timestamp"),
                    delivery.get("webhook-signature"), body, WebhookSecret.generate().value()));

            String line = await(listenOut, Pattern.compile("(.*--> payment_intent\\.successful \\[" + event.get("id").asText() + "].*)"));
            assertTrue(line.contains("<-- [202] POST " + forwardTo), line);
        } finally {
            listening.interrupt();
            listening.join(30_000);
            receiver.stop(0);
        }
        assertFalse(listening.isAlive(), "Ctrl-C (an interrupt) stops listen");
        assertEquals(0, listenExit.get(), listenOut.toString());

        // the secret is kept: the next listen signs with the same one
        String kept = JSON.readTree(config.toFile()).at("/profiles/default/sandbox/listenSecret").asText();
        assertTrue(listenOut.toString().contains(kept), listenOut.toString());
    }

    @Test
    void triggerFailedAndResendToASubscribedEndpoint() throws Exception {
        Path config = loggedIn("resend");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            HttpResponse<String> subscribed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/webhooks"))
                    .header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/resend\",\"events\":[\"payment_intent.payment_failed\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            String webhookId = JSON.readTree(subscribed.body()).get("id").asText();

            Run failed = cauri(config, "trigger", "payment_intent.payment_failed");
            assertEquals(0, failed.exit(), failed.err());
            assertTrue(failed.out().contains("customer_insufficient_funds"), failed.out());
            Matcher triggered = Pattern.compile("Triggered payment_intent.payment_failed: (evt_\\S+)").matcher(failed.out());
            assertTrue(triggered.find(), failed.out());

            Run resend = cauri(config, "events", "resend", triggered.group(1));
            assertEquals(0, resend.exit(), resend.err());
            assertTrue(resend.out().matches("(?s)Resent " + triggered.group(1) + " to " + webhookId + ": (queued|already_pending)\\R"),
                    resend.out());

            Run unknown = cauri(config, "events", "resend", "evt_doesNotExist000000");
            assertEquals(Cauri.EXIT_API, unknown.exit());
            assertTrue(unknown.err().startsWith("not_found: No event evt_doesNotExist000000") && unknown.err().contains("(id)"),
                    unknown.err());

            for (String type : List.of("payment_intent.processing", "payment.action_required", "payment_intent.canceled")) {
                Run triggeredOther = cauri(config, "trigger", type);
                assertEquals(0, triggeredOther.exit(), triggeredOther.err());
                assertTrue(triggeredOther.out().contains("Triggered " + type + ": evt_"), triggeredOther.out());
            }

            Run unknownType = cauri(config, "trigger", "payment_intent.failed");
            assertEquals(Cauri.EXIT_USAGE, unknownType.exit());
            assertTrue(unknownType.err().contains("payment_intent.payment_failed"), unknownType.err());
        } finally {
            receiver.stop(0);
        }
    }

    /** A listener outlives an API that is briefly unavailable: it says so, waits, and forwards what came meanwhile. */
    @Test
    void listenWaitsOutAnUnavailableApi() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        HttpClient client = HttpClient.newHttpClient();
        // in front of local-api: answers the feed 503 while refusals remain, else passes each GET through
        HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/", exchange -> {
            try {
                boolean feed = exchange.getRequestURI().getPath().equals("/events");
                if (feed && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    byte[] unavailable = "{\"status\":503,\"code\":\"service_unavailable\",\"message\":\"Try again.\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(503, unavailable.length);
                    exchange.getResponseBody().write(unavailable);
                } else {
                    HttpRequest.Builder passed = HttpRequest.newBuilder(URI.create(api.baseUrl() + exchange.getRequestURI()));
                    for (String h : List.of("ApiKey", "MerchantId", "Environment")) {
                        passed.header(h, exchange.getRequestHeaders().getFirst(h));
                    }
                    HttpResponse<byte[]> answer = client.send(passed.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        front.start();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path direct = loggedIn("flaky-direct");
        Path throughFront = dir.resolve("flaky").resolve("config.json");
        assertEquals(0, cauri(throughFront, "login", "--base-url", "http://127.0.0.1:" + front.getAddress().getPort(),
                "--merchant-id", MERCHANT, "--api-key", KEY).exit());
        StringWriter listenOut = new StringWriter();
        CommandLine listen = Cauri.commandLine(Map.of());
        listen.setOut(new PrintWriter(listenOut, true));
        listen.setErr(new PrintWriter(listenOut, true));
        Thread listening = new Thread(() -> listen.execute("listen", "--forward-to", "http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/", "--events", "payment_intent.created", "--poll-interval", "200",
                "--config", throughFront.toString()), "cauri-listen-flaky");
        listening.start();
        try {
            await(listenOut, Pattern.compile("(signing secret is whsec_)"));
            refusals.set(2);
            await(listenOut, Pattern.compile("(service_unavailable: Try again\\. — retrying in 1 s)"));
            Run created = cauri(direct, "trigger", "payment_intent.created");
            assertEquals(0, created.exit(), created.err());
            String intentId = intentId(created.out());
            String forwarded = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (forwarded == null && System.nanoTime() < deadline) {
                String next = received.poll(1, TimeUnit.SECONDS);
                if (next != null && JSON.readTree(next).at("/data/id").asText().equals(intentId)) {
                    forwarded = next;
                }
            }
            assertNotNull(forwarded, "nothing forwarded after the API came back:\n" + listenOut);
            assertTrue(listenOut.toString().contains("retrying in 2 s"), listenOut.toString());
        } finally {
            listening.interrupt();
            listening.join(30_000);
            receiver.stop(0);
            front.stop(0);
        }
        assertFalse(listening.isAlive());
    }

    static String intentId(String out) {
        Matcher m = Pattern.compile("Created (pi_\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /** The first group of the pattern once it shows in {@code out} (at most 60 s). */
    static String await(StringWriter out, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + pattern + " in:\n" + out);
    }

    // README "Webhooks", "Verify every delivery": the receiver code given to merchants, as is.
    static boolean readmeValidHub2(String header, byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            String p = part.strip();
            if ((p.startsWith("s1=") || p.startsWith("s0="))
                    && MessageDigest.isEqual(expected, p.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static boolean readmeValidStandard(String id, String timestamp, String signatures, byte[] body, String secret)
            throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
        for (String entry : signatures.split(" ")) {
            if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
