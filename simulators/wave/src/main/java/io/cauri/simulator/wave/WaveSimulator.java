package io.cauri.simulator.wave;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A simulator of Wave's Checkout API (docs/PROVIDERS.md §2) on 127.0.0.1: the API a merchant's server calls
 * ({@code /v1/checkout/sessions…}, Bearer API key, optional request signing), the payer's side (the
 * {@code wave_launch_url} page, where the payer pays or fails), session expiry, and the signed webhooks
 * {@code checkout.session.completed} / {@code checkout.session.payment_failed}. It refuses what the real API refuses
 * (a missing or wrong key, an unsigned request when the key requires signing, an amount sent as a number or with
 * decimals for XOF, a missing URL) with Wave's error shape {@code {"code": "<kebab-case>", "message": "…"}}.
 *
 * <p>Fault switches (for the connector's money-safety tests): answer 5xx before or after creating a session, answer
 * slowly after creating it (the client times out after sending), fail reads, drop or duplicate webhooks. The
 * simulator counts, per {@code client_reference}, the create requests it received and the sessions it created, so a
 * test can prove that a retry made no second payable session.
 *
 * <p>Memory is bounded: at most {@link Settings#maxSessions()} sessions (and as many counters) are kept, the oldest
 * forgotten first; request bodies over 64 KiB are refused; the webhook queue holds at most 1 000 deliveries.
 */
public final class WaveSimulator implements AutoCloseable {

    public static final String COMPLETED = "checkout.session.completed";
    public static final String PAYMENT_FAILED = "checkout.session.payment_failed";

    /** The payment error codes a payer's attempt can end with (docs/PROVIDERS.md §2.6, [3P]). */
    public static final Set<String> PAYMENT_ERROR_CODES = Set.of("insufficient-funds", "blocked-account",
            "payer-mobile-mismatch", "cross-border-payment-not-allowed", "customer-age-restricted",
            "kyb-limits-exceeded", "payment-failure");

    private static final int MAX_BODY = 64 * 1024;
    static final Pattern XOF_AMOUNT = Pattern.compile("[1-9][0-9]{0,11}");
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Set<String> CREATE_FIELDS = Set.of("amount", "currency", "success_url", "error_url",
            "client_reference", "restrict_payer_mobile", "enforce_payer_mobile", "aggregated_merchant_id");
    private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    /**
     * @param apiKey             the only key the simulated wallet accepts
     * @param signingSecret      when set, the key requires request signing: every API request must carry a valid
     *                           {@code Wave-Signature} (null: signing not required, a signature is ignored)
     * @param webhookUrl         where webhooks are POSTed (null: none sent)
     * @param webhookSecrets     the webhook signing secrets: one {@code v1} per secret (several during a rotation)
     * @param sessionTtl         how long a session stays open (a real production session showed 30 min)
     * @param signatureTolerance how far a request signature's timestamp may be from the simulator's clock
     * @param maxSessions        sessions (and per-reference counters) kept in memory, the oldest forgotten first
     */
    public record Settings(String apiKey, String signingSecret, URI webhookUrl, List<String> webhookSecrets,
                           Duration sessionTtl, Duration signatureTolerance, int maxSessions, String businessName,
                           Clock clock) {
        public Settings {
            if (apiKey == null || apiKey.isEmpty()) {
                throw new IllegalArgumentException("apiKey is required");
            }
            webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
            if (webhookUrl != null && webhookSecrets.isEmpty()) {
                throw new IllegalArgumentException("webhooks need at least one webhook secret");
            }
            if (maxSessions < 1) {
                throw new IllegalArgumentException("maxSessions must be positive");
            }
        }

        public static Settings of(String apiKey) {
            return new Settings(apiKey, null, null, List.of(), Duration.ofMinutes(30), Duration.ofMinutes(5), 10_000,
                    "Cauri Simulated Shop", Clock.systemUTC());
        }

        public Settings withSigningSecret(String secret) {
            return new Settings(apiKey, secret, webhookUrl, webhookSecrets, sessionTtl, signatureTolerance,
                    maxSessions, businessName, clock);
        }

        public Settings withWebhooks(URI url, List<String> secrets) {
            return new Settings(apiKey, signingSecret, url, secrets, sessionTtl, signatureTolerance, maxSessions,
                    businessName, clock);
        }

        public Settings withSessionTtl(Duration ttl) {
            return new Settings(apiKey, signingSecret, webhookUrl, webhookSecrets, ttl, signatureTolerance,
                    maxSessions, businessName, clock);
        }

        public Settings withMaxSessions(int max) {
            return new Settings(apiKey, signingSecret, webhookUrl, webhookSecrets, sessionTtl, signatureTolerance,
                    max, businessName, clock);
        }

        public Settings withClock(Clock c) {
            return new Settings(apiKey, signingSecret, webhookUrl, webhookSecrets, sessionTtl, signatureTolerance,
                    maxSessions, businessName, c);
        }

        @Override
        public String toString() {
            return "Settings[apiKey=<redacted>, signingSecret=" + (signingSecret == null ? "none" : "<redacted>")
                    + ", webhookUrl=" + webhookUrl + ", webhookSecrets=" + webhookSecrets.size() + " <redacted>"
                    + ", sessionTtl=" + sessionTtl + ", maxSessions=" + maxSessions + "]";
        }
    }

    /** One checkout session; guarded by the simulator's lock. */
    private static final class Session {
        final String id;
        final String amount;
        final String currency;
        final String clientReference;
        final String successUrl;
        final String errorUrl;
        final String restrictPayerMobile;
        final String aggregatedMerchantId;
        final String launchUrl;
        final Instant created;
        final Instant expires;
        String checkoutStatus = "open";
        String paymentStatus = "processing";
        String transactionId;
        Instant completed;
        String lastErrorCode;
        String lastErrorMessage;
        int refunds;

        Session(String id, Map<String, Object> body, String launchUrl, Instant created, Instant expires) {
            this.id = id;
            this.amount = (String) body.get("amount");
            this.currency = (String) body.get("currency");
            this.clientReference = (String) body.get("client_reference");
            this.successUrl = (String) body.get("success_url");
            this.errorUrl = (String) body.get("error_url");
            Object mobile = body.containsKey("restrict_payer_mobile") ? body.get("restrict_payer_mobile")
                    : body.get("enforce_payer_mobile");
            this.restrictPayerMobile = (String) mobile;
            this.aggregatedMerchantId = (String) body.get("aggregated_merchant_id");
            this.launchUrl = launchUrl;
            this.created = created;
            this.expires = expires;
        }

        Map<String, Object> toJson(String businessName) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("amount", amount);
            m.put("checkout_status", checkoutStatus);
            m.put("client_reference", clientReference);
            m.put("currency", currency);
            m.put("error_url", errorUrl);
            m.put("last_payment_error", lastErrorCode == null ? null
                    : new LinkedHashMap<>(Map.of("code", lastErrorCode, "message", lastErrorMessage)));
            m.put("business_name", businessName);
            m.put("payment_status", paymentStatus);
            m.put("transaction_id", transactionId);
            m.put("aggregated_merchant_id", aggregatedMerchantId);
            m.put("restrict_payer_mobile", restrictPayerMobile);
            m.put("success_url", successUrl);
            m.put("wave_launch_url", launchUrl);
            m.put("when_completed", completed == null ? null : completed.toString());
            m.put("when_created", created.toString());
            m.put("when_expires", expires.toString());
            return m;
        }
    }

    record Refusal(int status, String code, String message) {
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ThreadPoolExecutor webhookSender;
    private final HttpClient webhookClient;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final LinkedHashMap<String, Session> sessions;
    private final LinkedHashMap<String, int[]> counters; // client_reference -> {create requests, sessions created}

    private final WavePayouts payouts;
    private final AtomicInteger failRefundsAfter = new AtomicInteger();
    private final AtomicInteger failCreatesBefore = new AtomicInteger();
    private final AtomicInteger failCreatesAfter = new AtomicInteger();
    private final AtomicInteger slowCreates = new AtomicInteger();
    private volatile Duration slowCreateDelay = Duration.ZERO;
    private final AtomicInteger failReads = new AtomicInteger();
    private volatile int faultStatus = 500;
    private final AtomicInteger dropWebhooks = new AtomicInteger();
    private final AtomicInteger duplicateWebhooks = new AtomicInteger();
    private final AtomicLong webhooksSent = new AtomicLong();
    private final AtomicLong webhooksDropped = new AtomicLong();

    private WaveSimulator(Settings settings, int port) throws IOException {
        this.settings = settings;
        int max = settings.maxSessions();
        this.sessions = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > max;
            }
        };
        this.counters = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > max;
            }
        };
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.handlers = Executors.newFixedThreadPool(8, daemon("wave-sim-http"));
        this.webhookSender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                daemon("wave-sim-webhooks"), (task, pool) -> webhooksDropped.incrementAndGet());
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.payouts = new WavePayouts(this, max);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts on 127.0.0.1; {@code port} 0 picks a free port. */
    public static WaveSimulator start(Settings settings, int port) throws IOException {
        WaveSimulator simulator = new WaveSimulator(settings, port);
        simulator.server.start();
        return simulator;
    }

    /** The base URL a connector is configured with, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        webhookSender.shutdownNow();
    }

    // ---- fault switches -------------------------------------------------------------------------------------------

    /** The next {@code count} creates answer {@code status} without creating anything. */
    public void failNextCreatesBeforeCreating(int count, int status) {
        faultStatus = status;
        failCreatesBefore.set(count);
    }

    /** The next {@code count} creates create the session, then answer {@code status}: the worst case of a 5xx. */
    public void failNextCreatesAfterCreating(int count, int status) {
        faultStatus = status;
        failCreatesAfter.set(count);
    }

    /** The next {@code count} creates create the session, then wait {@code delay} before answering. */
    public void delayNextCreates(int count, Duration delay) {
        slowCreateDelay = delay;
        slowCreates.set(count);
    }

    /** The next {@code count} reads (retrieve, search) answer {@code status}. */
    public void failNextReads(int count, int status) {
        faultStatus = status;
        failReads.set(count);
    }

    /** The next {@code count} webhooks are never sent. */
    public void dropNextWebhooks(int count) {
        dropWebhooks.set(count);
    }

    /** The next {@code count} webhooks are sent twice (same event id, same body). */
    public void duplicateNextWebhooks(int count) {
        duplicateWebhooks.set(count);
    }

    // ---- what happened --------------------------------------------------------------------------------------------

    /** Create requests received (past authentication) that named this {@code client_reference}. */
    public int createRequests(String clientReference) {
        synchronized (lock) {
            int[] c = counters.get(clientReference);
            return c == null ? 0 : c[0];
        }
    }

    /** Sessions created for this {@code client_reference}: more than one means a payer could pay twice. */
    public int sessionsCreated(String clientReference) {
        synchronized (lock) {
            int[] c = counters.get(clientReference);
            return c == null ? 0 : c[1];
        }
    }

    public int sessionCount() {
        synchronized (lock) {
            return sessions.size();
        }
    }

    public long webhooksSent() {
        return webhooksSent.get();
    }

    /** The Payout API's side of the simulated wallet: its switches and counters. */
    public WavePayouts payouts() {
        return payouts;
    }

    /** The next {@code count} checkout refunds refund the session, then answer {@code status} (outcome unknown). */
    public void failNextRefundsAfterRefunding(int count, int status) {
        faultStatus = status;
        failRefundsAfter.set(count);
    }

    /** How many times this session was refunded (more than once would pay the payer back twice). */
    public int refunds(String sessionId) {
        synchronized (lock) {
            Session session = sessions.get(sessionId);
            return session == null ? 0 : session.refunds;
        }
    }

    /**
     * {@code POST /v1/checkout/sessions/:id/refund}: the whole amount of a paid session goes back to the payer,
     * once. Wave documents the call, not its answers: this simulator answers 200 with the session, 404
     * {@code checkout-session-not-found}, 400 {@code checkout-session-not-refundable} for a session not paid, and
     * 409 {@code checkout-session-already-refunded} for one refunded before (its own choices, README).
     */
    private void refund(HttpExchange exchange, String id) throws IOException {
        Map<String, Object> answer;
        synchronized (lock) {
            Session session = sessions.get(id);
            if (session == null) {
                error(exchange, new Refusal(404, "checkout-session-not-found", "Checkout session not found."));
                return;
            }
            if (session.refunds > 0) {
                error(exchange, new Refusal(409, "checkout-session-already-refunded",
                        "This checkout session was already refunded."));
                return;
            }
            if (!"succeeded".equals(session.paymentStatus)) {
                error(exchange, new Refusal(400, "checkout-session-not-refundable",
                        "Only a paid checkout session can be refunded."));
                return;
            }
            session.refunds++;
            answer = session.toJson(settings.businessName());
        }
        if (takeOne(failRefundsAfter)) {
            error(exchange, new Refusal(faultStatus, "internal-server-error", "Internal server error."));
            return;
        }
        json(exchange, 200, answer);
    }

    /** The payer pays the session (what opening {@code wave_launch_url} and confirming in the app does). */
    public void pay(String sessionId) {
        settle(sessionId, null);
    }

    /** The payer's attempt fails with one of {@link #PAYMENT_ERROR_CODES}; the session stays open for a retry. */
    public void failPayment(String sessionId, String errorCode) {
        settle(sessionId, errorCode);
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/c/")) {
                payerPage(exchange, path.substring(3));
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                error(exchange, new Refusal(413, "request-too-large", "The request body is too large."));
                return;
            }
            Refusal refused = authenticate(exchange, body);
            if (refused != null) {
                error(exchange, refused);
                return;
            }
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/checkout/sessions")) {
                if (method.equals("POST")) {
                    create(exchange, body);
                } else if (method.equals("GET")) {
                    byTransactionId(exchange);
                } else {
                    error(exchange, new Refusal(405, "method-not-allowed", "Method not allowed."));
                }
            } else if (path.equals("/v1/checkout/sessions/search")) {
                if (method.equals("GET")) {
                    search(exchange);
                } else {
                    error(exchange, new Refusal(405, "method-not-allowed", "Method not allowed."));
                }
            } else if (path.equals("/v1/payout") || path.startsWith("/v1/payout/") || path.equals("/v1/payouts/search")) {
                payouts.handle(exchange, path, method, body);
            } else if (path.startsWith("/v1/checkout/sessions/")) {
                String rest = path.substring("/v1/checkout/sessions/".length());
                if (rest.endsWith("/expire") && method.equals("POST")) {
                    expire(exchange, rest.substring(0, rest.length() - "/expire".length()));
                } else if (rest.endsWith("/refund") && method.equals("POST")) {
                    refund(exchange, rest.substring(0, rest.length() - "/refund".length()));
                } else if (!rest.contains("/") && method.equals("GET")) {
                    retrieve(exchange, rest);
                } else {
                    error(exchange, new Refusal(404, "not-found", "No such endpoint."));
                }
            } else {
                error(exchange, new Refusal(404, "not-found", "No such endpoint."));
            }
        } catch (RuntimeException e) {
            // never a stack trace to the client: a simulator bug answers what a real server would, a plain 500
            try {
                error(exchange, new Refusal(500, "internal-server-error", "Internal server error."));
            } catch (IOException | RuntimeException ignored) {
                // the response was already started; the connection closes
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            return bytes.length > MAX_BODY ? null : bytes;
        }
    }

    /** Wave's authentication phase (the 401 table of docs.wave.com/checkout), then request signing if required. */
    private Refusal authenticate(HttpExchange exchange, byte[] body) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            return new Refusal(401, "missing-auth-header", "Your request should include an HTTP auth header.");
        }
        if (!auth.startsWith("Bearer ")) {
            return new Refusal(401, "invalid-auth", "Your HTTP auth header can't be processed.");
        }
        String key = auth.substring("Bearer ".length()).trim();
        if (key.isEmpty()) {
            return new Refusal(401, "api-key-not-provided", "Your request should include an API key.");
        }
        if (!constantTimeEquals(key, settings.apiKey())) {
            return new Refusal(401, "no-matching-api-key", "The key you provided doesn't exist in our system.");
        }
        if (settings.signingSecret() == null) {
            return null;
        }
        String header = exchange.getRequestHeaders().getFirst("Wave-Signature");
        if (header == null) {
            return new Refusal(401, "invalid-signature", "This API key requires a Wave-Signature header.");
        }
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                t = value;
            } else if (name.equals("v1")) {
                v1.add(value);
            }
        }
        long seconds;
        try {
            seconds = Long.parseLong(t == null ? "" : t);
        } catch (NumberFormatException e) {
            return new Refusal(401, "invalid-signature", "The Wave-Signature header has no valid timestamp.");
        }
        long now = settings.clock().instant().getEpochSecond();
        if (Math.abs(now - seconds) > settings.signatureTolerance().getSeconds()) {
            return new Refusal(401, "invalid-signature", "The Wave-Signature timestamp is too far from now.");
        }
        String expected = hmacHex(settings.signingSecret(), t, body);
        for (String candidate : v1) {
            if (constantTimeEquals(candidate, expected)) {
                return null;
            }
        }
        return new Refusal(401, "invalid-signature", "The Wave-Signature does not match the request.");
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(exchange, validation("The request body must be sent as application/json."));
            return;
        }
        Map<String, Object> request;
        try {
            request = Json.object(body);
        } catch (Json.MalformedJson e) {
            error(exchange, validation(e.getMessage()));
            return;
        }
        Object reference = request.get("client_reference");
        if (reference instanceof String ref) {
            synchronized (lock) {
                counters.computeIfAbsent(ref, r -> new int[2])[0]++;
            }
        }
        String invalid = validateCreate(request);
        if (invalid != null) {
            error(exchange, validation(invalid));
            return;
        }
        if (takeOne(failCreatesBefore)) {
            error(exchange, new Refusal(faultStatus, "internal-server-error", "Internal server error."));
            return;
        }
        Map<String, Object> created;
        synchronized (lock) {
            Instant now = now();
            String id = "cos-" + randomId(13);
            String launch = baseUrl() + "/c/" + id + "?a=" + request.get("amount") + "&c=" + request.get("currency")
                    + "&m=" + URLEncoder.encode(settings.businessName(), StandardCharsets.UTF_8);
            Session session = new Session(id, request, launch, now, now.plus(settings.sessionTtl()));
            sessions.put(id, session);
            if (session.clientReference != null) {
                counters.computeIfAbsent(session.clientReference, r -> new int[2])[1]++;
            }
            created = session.toJson(settings.businessName());
        }
        if (takeOne(failCreatesAfter)) {
            error(exchange, new Refusal(faultStatus, "internal-server-error", "Internal server error."));
            return;
        }
        if (takeOne(slowCreates)) {
            sleep(slowCreateDelay);
        }
        json(exchange, 200, created);
    }

    /** Null when valid, else the first problem, in Wave's words where known. */
    private static String validateCreate(Map<String, Object> request) {
        for (String field : request.keySet()) {
            if (!CREATE_FIELDS.contains(field)) {
                return "Unknown field: " + field + ".";
            }
        }
        Object currency = request.get("currency");
        if (!(currency instanceof String)) {
            return "currency is required and must be a string.";
        }
        if (!currency.equals("XOF")) {
            return "currency " + currency + " is not supported.";
        }
        Object amount = request.get("amount");
        if (!(amount instanceof String a)) {
            return "amount is required and must be a string.";
        }
        if (!XOF_AMOUNT.matcher(a).matches()) {
            return "amount must be a positive whole number of XOF, without decimals (e.g. \"1000\").";
        }
        for (String url : List.of("success_url", "error_url")) {
            Object value = request.get(url);
            if (!(value instanceof String s)) {
                return url + " is required and must be a string.";
            }
            if (!isHttpsUrl(s)) {
                return url + " must be an https URL.";
            }
        }
        if (request.containsKey("client_reference")) {
            Object ref = request.get("client_reference");
            if (!(ref instanceof String s) || s.isEmpty() || s.length() > 255) {
                return "client_reference must be a string of 1 to 255 characters.";
            }
        }
        for (String mobile : List.of("restrict_payer_mobile", "enforce_payer_mobile")) {
            if (request.containsKey(mobile)) {
                Object value = request.get(mobile);
                if (!(value instanceof String s) || !E164.matcher(s).matches()) {
                    return mobile + " must be a phone number in E.164 format (e.g. +221761110001).";
                }
            }
        }
        if (request.containsKey("aggregated_merchant_id")
                && !(request.get("aggregated_merchant_id") instanceof String s && !s.isEmpty())) {
            return "aggregated_merchant_id must be a non-empty string.";
        }
        return null;
    }

    private static boolean isHttpsUrl(String s) {
        try {
            URI uri = new URI(s);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Refusal validation(String message) {
        return new Refusal(400, "request-validation-error", message);
    }

    private void retrieve(HttpExchange exchange, String id) throws IOException {
        if (takeOne(failReads)) {
            error(exchange, new Refusal(faultStatus, "internal-server-error", "Internal server error."));
            return;
        }
        Map<String, Object> found = null;
        synchronized (lock) {
            Session session = sessions.get(id);
            if (session != null) {
                expireIfDue(session);
                found = session.toJson(settings.businessName());
            }
        }
        if (found == null) {
            error(exchange, new Refusal(404, "checkout-session-not-found", "The checkout session was not found."));
        } else {
            json(exchange, 200, found);
        }
    }

    private void search(HttpExchange exchange) throws IOException {
        String reference = query(exchange).get("client_reference");
        if (reference == null || reference.isEmpty()) {
            error(exchange, validation("client_reference is required."));
            return;
        }
        if (takeOne(failReads)) {
            error(exchange, new Refusal(faultStatus, "internal-server-error", "Internal server error."));
            return;
        }
        List<Object> result = new ArrayList<>();
        synchronized (lock) {
            for (Session session : sessions.values()) {
                if (reference.equals(session.clientReference)) {
                    expireIfDue(session);
                    result.add(session.toJson(settings.businessName()));
                }
            }
        }
        json(exchange, 200, Map.of("result", result));
    }

    private void byTransactionId(HttpExchange exchange) throws IOException {
        String transactionId = query(exchange).get("transaction_id");
        if (transactionId == null || transactionId.isEmpty()) {
            error(exchange, validation("transaction_id is required."));
            return;
        }
        Map<String, Object> found = null;
        synchronized (lock) {
            for (Session session : sessions.values()) {
                if (transactionId.equals(session.transactionId)) {
                    found = session.toJson(settings.businessName());
                }
            }
        }
        if (found == null) {
            error(exchange, new Refusal(404, "checkout-session-not-found", "The checkout session was not found."));
        } else {
            json(exchange, 200, found);
        }
    }

    private void expire(HttpExchange exchange, String id) throws IOException {
        Refusal refusal = null;
        synchronized (lock) {
            Session session = sessions.get(id);
            if (session == null) {
                refusal = new Refusal(404, "checkout-session-not-found", "The checkout session was not found.");
            } else {
                expireIfDue(session);
                if (!session.checkoutStatus.equals("open")) {
                    refusal = new Refusal(409, "checkout-session-not-open", "The checkout session is not open.");
                } else {
                    session.checkoutStatus = "expired";
                    session.paymentStatus = "cancelled";
                    session.completed = now();
                }
            }
        }
        if (refusal != null) {
            error(exchange, refusal);
        } else {
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The launch URL: a page with the payer's two choices (GET), and the choice itself (POST …/pay, …/fail). */
    private void payerPage(HttpExchange exchange, String rest) throws IOException {
        String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String action = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
        if (exchange.getRequestMethod().equals("GET") && action.isEmpty()) {
            Map<String, Object> session;
            synchronized (lock) {
                Session s = sessions.get(id);
                if (s != null) {
                    expireIfDue(s);
                }
                session = s == null ? null : s.toJson(settings.businessName());
            }
            if (session == null) {
                html(exchange, 404, "<p>Unknown checkout session.</p>");
                return;
            }
            StringBuilder options = new StringBuilder();
            for (String code : PAYMENT_ERROR_CODES.stream().sorted().toList()) {
                options.append("<option>").append(code).append("</option>");
            }
            html(exchange, 200, "<h1>Pay " + session.get("amount") + " " + session.get("currency") + " to "
                    + escape(settings.businessName()) + "</h1><p>Status: " + session.get("checkout_status") + "</p>"
                    + "<form method=post action=/c/" + id + "/pay><button id=pay>Pay</button></form>"
                    + "<form method=post action=/c/" + id + "/fail><select name=code>" + options
                    + "</select><button id=fail>Fail</button></form>");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST") || !(action.equals("pay") || action.equals("fail"))) {
            html(exchange, 404, "<p>Not found.</p>");
            return;
        }
        String code = null;
        if (action.equals("fail")) {
            byte[] posted = readBody(exchange);
            Map<String, String> form = form(new String(posted == null ? new byte[0] : posted, StandardCharsets.UTF_8));
            form.putAll(query(exchange));
            code = form.getOrDefault("code", "payment-failure");
        }
        String redirect;
        try {
            redirect = settle(id, code);
        } catch (IllegalStateException | IllegalArgumentException e) {
            html(exchange, 409, "<p>" + escape(e.getMessage()) + "</p>");
            return;
        }
        exchange.getResponseHeaders().set("Location", redirect);
        exchange.sendResponseHeaders(303, -1);
    }

    /** Pays ({@code errorCode} null) or fails the payer's attempt; returns where the payer is sent. */
    private String settle(String sessionId, String errorCode) {
        if (errorCode != null && !PAYMENT_ERROR_CODES.contains(errorCode)) {
            throw new IllegalArgumentException("Unknown payment error code " + errorCode);
        }
        Map<String, Object> data;
        String redirect;
        synchronized (lock) {
            Session session = sessions.get(sessionId);
            if (session == null) {
                throw new IllegalArgumentException("Unknown checkout session " + sessionId);
            }
            expireIfDue(session);
            if (!session.checkoutStatus.equals("open")) {
                throw new IllegalStateException("The checkout session is " + session.checkoutStatus + ".");
            }
            if (errorCode == null) {
                session.checkoutStatus = "complete";
                session.paymentStatus = "succeeded";
                session.transactionId = "T" + randomId(16).toUpperCase(java.util.Locale.ROOT);
                session.completed = now();
                session.lastErrorCode = null;
                session.lastErrorMessage = null;
                redirect = session.successUrl;
            } else {
                session.lastErrorCode = errorCode;
                session.lastErrorMessage = "The payment failed: " + errorCode + ".";
                redirect = session.errorUrl;
            }
            data = session.toJson(settings.businessName());
        }
        sendWebhook(errorCode == null ? COMPLETED : PAYMENT_FAILED, data);
        return redirect;
    }

    private void expireIfDue(Session session) {
        if (session.checkoutStatus.equals("open") && !now().isBefore(session.expires)) {
            session.checkoutStatus = "expired";
            session.paymentStatus = "cancelled";
            session.completed = session.expires;
        }
    }

    // ---- webhooks -------------------------------------------------------------------------------------------------

    private void sendWebhook(String type, Map<String, Object> data) {
        if (settings.webhookUrl() == null) {
            return;
        }
        if (takeOne(dropWebhooks)) {
            webhooksDropped.incrementAndGet();
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "EV_" + randomId(16));
        event.put("type", type);
        event.put("data", data);
        String body = Json.write(event);
        int copies = takeOne(duplicateWebhooks) ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            webhookSender.execute(() -> deliver(body));
        }
    }

    private void deliver(String body) {
        String t = Long.toString(now().getEpochSecond());
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String secret : settings.webhookSecrets()) {
            header.append(",v1=").append(hmacHex(secret, t, body.getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest request = HttpRequest.newBuilder(settings.webhookUrl()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").header("Wave-Signature", header.toString())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            webhookClient.send(request, HttpResponse.BodyHandlers.discarding());
            webhooksSent.incrementAndGet();
        } catch (IOException e) {
            webhooksDropped.incrementAndGet(); // Wave's retry schedule is not documented: no retry here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** {@code hex(HMAC-SHA256(secret, t + body))}: the request-signing and webhook-signing scheme alike. */
    static String hmacHex(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(t.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    Instant now() {
        return settings.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    String randomId(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return b.toString();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return form(raw == null ? "" : raw);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static void error(HttpExchange exchange, Refusal refusal) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", refusal.code());
        body.put("message", refusal.message());
        json(exchange, refusal.status(), body);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void html(HttpExchange exchange, int status, String content) throws IOException {
        byte[] bytes = ("<!doctype html><meta charset=utf-8><title>Wave (simulated)</title>" + content)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
