package io.cauri.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cauri.sdk.client.ApiException;
import io.cauri.sdk.model.Hub2CreatePaymentIntentRequest;
import io.cauri.sdk.model.Hub2PaymentIntent;
import io.cauri.sdk.model.Hub2UpdateWebhookRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's idempotency keys and retries, against a loopback server that answers what each test scripts. */
class RetryTest {
    static final String INTENT = "{\"id\":\"pi_1\",\"merchantId\":\"m_demo\",\"status\":\"payment_required\",\"amount\":1000,"
            + "\"currency\":\"XOF\",\"payments\":[],\"mode\":\"sandbox\",\"token\":\"eyJ\"}";

    /** One scripted answer: status, headers, body; status 0 drops the connection without answering. */
    record Answer(int status, String retryAfter, String body) {
    }

    /** What the server saw of one request. */
    record Seen(String method, String path, String idempotencyKey, String apiKey, String merchantId, String environment,
                String authorization, long atNanos) {
    }

    HttpServer server;
    final Deque<Answer> script = new ArrayDeque<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        var h = exchange.getRequestHeaders();
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), h.getFirst("Idempotency-Key"),
                h.getFirst("ApiKey"), h.getFirst("MerchantId"), h.getFirst("Environment"), h.getFirst("Authorization"),
                System.nanoTime()));
        Answer a;
        synchronized (script) {
            a = script.isEmpty() ? new Answer(500, null, "{}") : script.poll();
        }
        if (a.status() == 0) {
            exchange.close();     // no status line: the client sees the connection end
            return;
        }
        if (a.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", a.retryAfter());
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    Cauri cauri(RetryPolicy policy) {
        return Cauri.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .apiKey("sk_demo_0123456789").merchantId("m_demo").retryPolicy(policy).build();
    }

    static Hub2CreatePaymentIntentRequest createRequest() {
        return new Hub2CreatePaymentIntentRequest().customerReference("cust_1").purchaseReference("order_1")
                .amount(1000L).currency(Hub2CreatePaymentIntentRequest.CurrencyEnum.XOF);
    }

    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

    @Test
    void a429ThenA201IsRetriedAfterRetryAfterWithTheSameIdempotencyKey() throws Exception {
        script.add(new Answer(429, "1", "{\"code\":\"rate_limited\",\"message\":\"slow down\"}"));
        script.add(new Answer(201, null, INTENT));

        Hub2PaymentIntent intent = cauri(FAST).createIntent(createRequest());

        assertEquals("pi_1", intent.getId());
        assertEquals(2, seen.size());
        String key = seen.get(0).idempotencyKey();
        assertNotNull(key, "every POST carries an Idempotency-Key");
        assertTrue(key.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), key);
        assertEquals(key, seen.get(1).idempotencyKey(), "the retry reuses the key");
        long waitedMillis = (seen.get(1).atNanos() - seen.get(0).atNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 950, "Retry-After: 1 was honoured, waited " + waitedMillis + " ms");
        assertEquals("sk_demo_0123456789", seen.get(0).apiKey());
        assertEquals("m_demo", seen.get(0).merchantId());
        assertEquals("sandbox", seen.get(0).environment());
    }

    @Test
    void aGetAnswered503WithAnHttpDateRetryAfterIsRetried() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC));
        script.add(new Answer(503, date, "{}"));
        script.add(new Answer(200, null, INTENT));

        assertEquals("pi_1", cauri(FAST).retrieveIntent("pi_1").getId());

        assertEquals(2, seen.size());
        long waitedMillis = (seen.get(1).atNanos() - seen.get(0).atNanos()) / 1_000_000;
        // the date has one-second resolution: at least ~1 s of the 2 s remain when it is read
        assertTrue(waitedMillis >= 900, "waited " + waitedMillis + " ms");
    }

    @Test
    void aPostAnswered503ReachesTheCallerAfterOneTry() {
        // The API keeps the Idempotency-Key locked after a 5xx: a repeat would get 409 idempotency_key_in_use and
        // hide the 503, which tells the caller to read the object (the POST may have taken effect).
        script.add(new Answer(503, "0", "{\"code\":\"service_unavailable\",\"message\":\"try later\"}"));
        script.add(new Answer(201, null, INTENT));

        ApiException e = assertThrows(ApiException.class, () -> cauri(FAST).createIntent(createRequest()));

        assertEquals(503, e.getCode());
        assertEquals(1, seen.size(), "one try");
    }

    @Test
    void theCallersIdempotencyKeyIsKeptAndEachCallGetsItsOwnKey() throws Exception {
        script.add(new Answer(201, null, INTENT));
        script.add(new Answer(201, null, INTENT));
        script.add(new Answer(201, null, INTENT));
        Cauri cauri = cauri(FAST);

        cauri.paymentIntents().hub2CreateIntent(cauri.merchantId(), cauri.environment(), createRequest(), "order_1-create");
        cauri.createIntent(createRequest());
        cauri.createIntent(createRequest());

        assertEquals("order_1-create", seen.get(0).idempotencyKey());
        assertNotNull(seen.get(1).idempotencyKey());
        assertTrue(!seen.get(1).idempotencyKey().equals(seen.get(2).idempotencyKey()), "two calls, two keys");
    }

    @Test
    void attemptsAreBoundedAndTheLast429ReachesTheCaller() {
        for (int i = 0; i < 5; i++) {
            script.add(new Answer(429, "0", "{\"code\":\"rate_limited\",\"message\":\"slow down\"}"));
        }
        ApiException e = assertThrows(ApiException.class, () -> cauri(FAST).createIntent(createRequest()));

        assertEquals(429, e.getCode());
        assertEquals(3, seen.size(), "maxAttempts 3");
    }

    @Test
    void aRetryAfterBeyondTheLimitIsNotWaitedFor() {
        script.add(new Answer(503, "3600", "{}"));
        script.add(new Answer(200, null, INTENT));

        ApiException e = assertThrows(ApiException.class, () -> cauri(FAST).retrieveIntent("pi_1"));

        assertEquals(503, e.getCode());
        assertEquals(1, seen.size());
    }

    @Test
    void otherErrorsAreNotRetried() {
        script.add(new Answer(400, null, "{\"code\":\"invalid_parameter\",\"message\":\"bad\",\"param\":\"amount\"}"));
        script.add(new Answer(201, null, INTENT));

        assertThrows(ApiException.class, () -> cauri(FAST).createIntent(createRequest()));

        assertEquals(1, seen.size());
    }

    @Test
    void aDroppedConnectionIsRetriedForAnIdempotentRequestOnly() throws Exception {
        script.add(new Answer(0, null, ""));
        script.add(new Answer(0, null, ""));
        script.add(new Answer(200, null, INTENT));
        Cauri cauri = cauri(FAST);

        assertEquals("pi_1", cauri.retrieveIntent("pi_1").getId());
        assertEquals(3, seen.size(), "GET is tried again after each dropped connection, 3 tries in all");

        seen.clear();
        script.clear();
        script.add(new Answer(0, null, ""));
        script.add(new Answer(200, null, "{\"id\":\"wh_1\"}"));
        assertThrows(ApiException.class, () -> cauri.webhooks().updateWebhook(cauri.merchantId(), cauri.environment(),
                "wh_1", new Hub2UpdateWebhookRequest().enabled(true)));
        assertEquals(1, seen.size(), "a PATCH without an Idempotency-Key may have been applied: not repeated");

        seen.clear();
        script.clear();
        script.add(new Answer(0, null, ""));
        script.add(new Answer(201, null, INTENT));
        assertThrows(ApiException.class, () -> cauri.createIntent(createRequest()));
        assertEquals(1, seen.size(), "a keyed POST may have been applied and its key is locked on the API: not repeated");
    }

    /** The JDK client, except that the first {@code failures.size()} sends throw the given exceptions. */
    static final class Failing extends java.net.http.HttpClient {
        final java.net.http.HttpClient real = java.net.http.HttpClient.newHttpClient();
        final Deque<IOException> failures = new ArrayDeque<>();
        int sends;

        @Override
        public <T> java.net.http.HttpResponse<T> send(java.net.http.HttpRequest r, java.net.http.HttpResponse.BodyHandler<T> h)
                throws IOException, InterruptedException {
            sends++;
            IOException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return real.send(r, h);
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> sendAsync(
                java.net.http.HttpRequest r, java.net.http.HttpResponse.BodyHandler<T> h) {
            return real.sendAsync(r, h);
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<T>> sendAsync(
                java.net.http.HttpRequest r, java.net.http.HttpResponse.BodyHandler<T> h,
                java.net.http.HttpResponse.PushPromiseHandler<T> p) {
            return real.sendAsync(r, h, p);
        }

        @Override public Optional<java.net.CookieHandler> cookieHandler() { return real.cookieHandler(); }
        @Override public Optional<Duration> connectTimeout() { return real.connectTimeout(); }
        @Override public Redirect followRedirects() { return real.followRedirects(); }
        @Override public Optional<java.net.ProxySelector> proxy() { return real.proxy(); }
        @Override public javax.net.ssl.SSLContext sslContext() { return real.sslContext(); }
        @Override public javax.net.ssl.SSLParameters sslParameters() { return real.sslParameters(); }
        @Override public Optional<java.net.Authenticator> authenticator() { return real.authenticator(); }
        @Override public Version version() { return real.version(); }
        @Override public Optional<java.util.concurrent.Executor> executor() { return real.executor(); }
    }

    @Test
    void aPostIsRetriedAfterARefusedConnectionButNotAfterATimeout() throws Exception {
        java.net.URI base = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        CauriConfig config = new CauriConfig(base, "sk_demo_0123456789", "m_demo", "sandbox", FAST, null, null);
        java.net.http.HttpRequest post = java.net.http.HttpRequest.newBuilder(base.resolve("/payment-intents"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(base.resolve("/payment-intents/pi_1")).GET().build();

        Failing refused = new Failing();
        refused.failures.add(new java.net.ConnectException("Connection refused"));
        script.add(new Answer(201, null, INTENT));
        assertEquals(201, new CauriHttpClient(refused, config).send(post, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(2, refused.sends, "nothing was sent the first time: the POST is tried again");

        Failing timedOut = new Failing();
        timedOut.failures.add(new java.net.http.HttpTimeoutException("request timed out"));
        assertThrows(java.net.http.HttpTimeoutException.class,
                () -> new CauriHttpClient(timedOut, config).send(post, java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertEquals(1, timedOut.sends, "the POST may have reached the API: not repeated");

        Failing getTimedOut = new Failing();
        getTimedOut.failures.add(new java.net.http.HttpTimeoutException("request timed out"));
        script.add(new Answer(200, null, INTENT));
        assertEquals(200, new CauriHttpClient(getTimedOut, config).send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(2, getTimedOut.sends, "a GET is safe to repeat");
    }

    @Test
    void theV1FamilyGetsABearerKey() throws Exception {
        script.add(new Answer(200, null, "{\"object\":\"list\",\"data\":[],\"has_more\":false}"));

        cauri(FAST).v1PaymentIntents().v1ListIntents(null, null, null);

        assertEquals("Bearer sk_demo_0123456789", seen.get(0).authorization());
        assertEquals(null, seen.get(0).apiKey());
    }

    @Test
    void aTokenClientSendsNoCredentials() throws Exception {
        script.add(new Answer(200, null, INTENT));

        Cauri.forIntentToken("http://127.0.0.1:" + server.getAddress().getPort()).retrieveIntent("pi_1", "eyJ");

        assertEquals(null, seen.get(0).apiKey());
        assertEquals(null, seen.get(0).authorization());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryPolicy.parseRetryAfter("7", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.parseRetryAfter("Sun, 06 Dec 2026 12:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Sun, 06 Dec 2026 11:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUnderTheCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5));
        for (int i = 0; i < 200; i++) {
            assertTrue(p.backoff(1).toMillis() <= 100);
            assertTrue(p.backoff(3).toMillis() <= 400);
            assertTrue(p.backoff(10).toMillis() <= 1000);
        }
        long max = 0;
        for (int i = 0; i < 200; i++) {
            max = Math.max(max, p.backoff(3).toMillis());
        }
        assertTrue(max > 100, "attempt 3 may wait longer than attempt 1's cap: " + max);
    }
}
