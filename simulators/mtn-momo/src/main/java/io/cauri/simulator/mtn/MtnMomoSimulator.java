package io.cauri.simulator.mtn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A simulator of MTN MoMo's Collection API (docs/PROVIDERS.md §1), strict where MTN is: on 127.0.0.1, with the
 * JDK's HTTP server, no framework. It speaks
 * <ul>
 *   <li>{@code POST /collection/token/}: Basic apiUser:apiKey and {@code Ocp-Apim-Subscription-Key}, no body
 *       → 200 {@code {access_token, token_type, expires_in}}; 401 {@code {"error": …}} otherwise;</li>
 *   <li>{@code POST /collection/v1_0/requesttopay}: Bearer token, subscription key, {@code X-Reference-Id} (UUID
 *       version 4), {@code X-Target-Environment}, optional {@code X-Callback-Url}; the body's fields with MTN's
 *       types (the amount a string of digits) → 202 and an empty body; 409 for a reference id already used;
 *       400 for a wrong header, field type or amount format; 401 for a bad key or token;</li>
 *   <li>{@code GET /collection/v1_0/requesttopay/{referenceId}} → 200 with {@code status} PENDING, then after
 *       the payer delay SUCCESSFUL (with {@code financialTransactionId}) or FAILED (with {@code reason}), by the
 *       payer's number ({@link SandboxNumbers}); 404 for a reference it never accepted.</li>
 * </ul>
 * When a request becomes final, its status body is sent to the {@code X-Callback-Url} (PUT by default, unsigned,
 * as MTN does). {@link Faults} switches inject 5xx, slow answers, dropped or duplicated callbacks and token
 * expiry. Memory is bounded: the oldest requests and tokens are forgotten beyond {@link Settings#maxEntries()}.
 */
public final class MtnMomoSimulator implements AutoCloseable {

    /** The credentials the simulator accepts. */
    public record Credentials(String subscriptionKey, String apiUser, String apiKey) {
        @Override
        public String toString() {
            return "Credentials[subscriptionKey, apiUser, apiKey redacted]";
        }
    }

    /**
     * @param targetEnvironment the only {@code X-Target-Environment} accepted ({@code sandbox} in MTN's sandbox)
     * @param currency          the only currency accepted (EUR in MTN's sandbox; XOF, XAF, GNF in production)
     * @param payerDelay        how long a request stays PENDING before its outcome
     * @param tokenLifetime     {@code expires_in} of a new token; the token is refused after it
     * @param callbackMethod    {@code PUT} (MTN's SDK) or {@code POST} (MTN's callback page)
     * @param maxEntries        how many requests (and tokens) are remembered, the oldest forgotten first
     * @param disbursement      the Disbursement product's own credentials (MTN: a separate subscription key and API
     *                          user per product), {@link #DISBURSEMENT} by default
     */
    public record Settings(Credentials credentials, String targetEnvironment, String currency, Duration payerDelay,
                           Duration tokenLifetime, String callbackMethod, int maxEntries, Credentials disbursement) {

        /** The Disbursement credentials of {@link #defaults}: distinct from any Collection credentials. */
        public static final Credentials DISBURSEMENT = new Credentials("sim-disbursement-key",
                "3e8b5a71-2c4d-4f96-a0b1-7d9e6c5f4a32", "sim-disbursement-api-key");

        public Settings(Credentials credentials, String targetEnvironment, String currency, Duration payerDelay,
                        Duration tokenLifetime, String callbackMethod, int maxEntries) {
            this(credentials, targetEnvironment, currency, payerDelay, tokenLifetime, callbackMethod, maxEntries,
                    DISBURSEMENT);
        }

        public static Settings defaults(Credentials credentials) {
            return new Settings(credentials, "sandbox", "EUR", Duration.ofSeconds(3), Duration.ofHours(1), "PUT",
                    10_000);
        }

        public Settings withDisbursement(Credentials disbursementCredentials) {
            return new Settings(credentials, targetEnvironment, currency, payerDelay, tokenLifetime, callbackMethod,
                    maxEntries, disbursementCredentials);
        }

        public Settings withPayerDelay(Duration delay) {
            return new Settings(credentials, targetEnvironment, currency, delay, tokenLifetime, callbackMethod, maxEntries,
                    disbursement);
        }

        public Settings withCurrency(String code) {
            return new Settings(credentials, targetEnvironment, code, payerDelay, tokenLifetime, callbackMethod, maxEntries,
                    disbursement);
        }

        public Settings withTargetEnvironment(String environment) {
            return new Settings(credentials, environment, currency, payerDelay, tokenLifetime, callbackMethod, maxEntries,
                    disbursement);
        }

        public Settings withMaxEntries(int max) {
            return new Settings(credentials, targetEnvironment, currency, payerDelay, tokenLifetime, callbackMethod, max,
                    disbursement);
        }
    }

    /** The fault switches; each can be changed while the simulator runs. */
    public static final class Faults {
        private final AtomicInteger failingInitiates = new AtomicInteger();
        private volatile int failureStatus = 500;
        private volatile boolean acceptBeforeFailing;
        private volatile Duration initiateDelay = Duration.ZERO;
        private volatile Duration statusDelay = Duration.ZERO;
        private volatile Duration tokenDelay = Duration.ZERO;
        private volatile boolean dropCallbacks;
        private volatile int callbackCopies = 1;
        private volatile Duration tokenLifetime;
        private volatile boolean reasonAsObject;
        private final AtomicInteger failingStatusReads = new AtomicInteger();
        private volatile int statusFailure = 500;
        private volatile String statusFailureBody = "";

        /**
         * The next {@code count} requests to pay answer {@code status} (500, 503…). With {@code acceptFirst}
         * the request is taken before the error is answered (MTN debits, the caller cannot know): a status read
         * finds it and a second request with the same reference gets 409; without, it is not taken.
         */
        public Faults failInitiates(int count, int status, boolean acceptFirst) {
            this.failureStatus = status;
            this.acceptBeforeFailing = acceptFirst;
            this.failingInitiates.set(count);
            return this;
        }

        /** Requests to pay are taken at once and answered only after {@code delay} (a timeout after sending). */
        public Faults delayInitiates(Duration delay) {
            this.initiateDelay = delay;
            return this;
        }

        public Faults delayStatusReads(Duration delay) {
            this.statusDelay = delay;
            return this;
        }

        public Faults delayTokens(Duration delay) {
            this.tokenDelay = delay;
            return this;
        }

        public Faults dropCallbacks(boolean drop) {
            this.dropCallbacks = drop;
            return this;
        }

        /** Each callback sent {@code copies} times (2: duplicated). */
        public Faults callbackCopies(int copies) {
            this.callbackCopies = Math.max(1, copies);
            return this;
        }

        /** Tokens issued from now on expire after {@code lifetime} ({@code expires_in} says so too); null: the setting. */
        public Faults tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        /** {@code reason} as {@code {"code", "message"}} (MTN's Java SDK model) instead of a string. */
        public Faults reasonAsObject(boolean object) {
            this.reasonAsObject = object;
            return this;
        }

        /** The next {@code count} status reads answer {@code status} with {@code body} (raw text) instead. */
        public Faults failStatusReads(int count, int status, String body) {
            this.statusFailure = status;
            this.statusFailureBody = body;
            this.failingStatusReads.set(count);
            return this;
        }

        public void reset() {
            reasonAsObject = false;
            failingStatusReads.set(0);
            failingInitiates.set(0);
            failureStatus = 500;
            acceptBeforeFailing = false;
            initiateDelay = Duration.ZERO;
            statusDelay = Duration.ZERO;
            tokenDelay = Duration.ZERO;
            dropCallbacks = false;
            callbackCopies = 1;
            tokenLifetime = null;
        }
    }

    /** One accepted request to pay. */
    private record Transaction(String referenceId, String amount, String currency, String externalId,
                               String partyIdType, String partyId, String payerMessage, String payeeNote,
                               String callbackUrl, Instant createdAt, Optional<String> outcome,
                               String financialTransactionId) {
    }

    private static final String TOKEN_PATH = "/collection/token/";
    private static final String REQUEST_TO_PAY_PATH = "/collection/v1_0/requesttopay";
    /** UUID version 4, RFC 4122 variant: MTN answers 400 to any other reference id. */
    static final Pattern UUID_V4 = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    static final Pattern MSISDN = Pattern.compile("[0-9]{6,15}");
    /** A positive amount; decimals only for currencies that have them. */
    static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,2})?");
    static final List<String> NO_MINOR_UNIT = List.of("XOF", "XAF", "GNF");
    private static final int MAX_BODY = 16 * 1024;
    static final int MAX_TEXT = 160;

    private final Settings settings;
    private final Faults faults = new Faults();
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService callbacks;
    private final HttpClient callbackClient;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ledger = new AtomicLong(1_806_336_820L);
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger callbacksSent = new AtomicInteger();
    // guarded by 'this': LRU maps, the oldest entry dropped beyond maxEntries
    private final Map<String, Transaction> transactions;
    private final Map<String, AtomicInteger> postsPerReference;
    private final Map<String, AtomicInteger> acceptedPerExternalId;
    private final Map<String, AtomicInteger> statusReadsPerReference;
    private final Map<String, Instant> tokens;
    private final Disbursement disbursement;

    private MtnMomoSimulator(Settings settings, int port) throws IOException {
        this.settings = settings;
        this.transactions = bounded(settings.maxEntries());
        this.postsPerReference = bounded(settings.maxEntries());
        this.acceptedPerExternalId = bounded(settings.maxEntries());
        this.statusReadsPerReference = bounded(settings.maxEntries());
        this.tokens = bounded(settings.maxEntries());
        this.disbursement = new Disbursement(this, settings);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.handlers = Executors.newFixedThreadPool(32, daemon("mtn-sim-http"));
        this.callbacks = Executors.newSingleThreadScheduledExecutor(daemon("mtn-sim-callback"));
        this.callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /** Starts a simulator on 127.0.0.1; port 0 picks a free port ({@link #baseUrl()} says which). */
    public static MtnMomoSimulator start(Settings settings, int port) throws IOException {
        MtnMomoSimulator simulator = new MtnMomoSimulator(settings, port);
        simulator.server.start();
        return simulator;
    }

    /**
     * {@code java -jar simulator-mtn-momo-<version>-standalone.jar [--port N] [--subscription-key K] [--api-user U] [--api-key K]
     * [--target-environment E] [--currency C] [--payer-delay-seconds S]}; runs until killed.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        Credentials credentials = new Credentials(options.getOrDefault("subscription-key", "sim-subscription-key"),
                options.getOrDefault("api-user", "9f6c1c5e-1b1e-4b39-9d44-3c1f2b8f6a10"),
                options.getOrDefault("api-key", "sim-api-key"));
        Settings settings = Settings.defaults(credentials)
                .withTargetEnvironment(options.getOrDefault("target-environment", "sandbox"))
                .withCurrency(options.getOrDefault("currency", "EUR"))
                .withPayerDelay(Duration.ofSeconds(Long.parseLong(options.getOrDefault("payer-delay-seconds", "3"))));
        MtnMomoSimulator simulator = start(settings, Integer.parseInt(options.getOrDefault("port", "8091")));
        System.out.println("MTN MoMo Collection simulator on " + simulator.baseUrl() + " (target environment "
                + settings.targetEnvironment() + ", currency " + settings.currency() + ", api user "
                + credentials.apiUser() + ")");
        System.out.flush();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** How many {@code POST requesttopay} arrived with this reference id (accepted, refused or failed alike). */
    public int requestToPayPosts(String referenceId) {
        synchronized (this) {
            AtomicInteger count = postsPerReference.get(referenceId.toLowerCase(Locale.ROOT));
            return count == null ? 0 : count.get();
        }
    }

    /**
     * How many requests to pay were taken (each one a debit request to the payer) with this {@code externalId}:
     * the count that shows whether one payment was asked twice.
     */
    public int acceptedRequestsFor(String externalId) {
        synchronized (this) {
            AtomicInteger count = acceptedPerExternalId.get(externalId);
            return count == null ? 0 : count.get();
        }
    }

    /**
     * How many {@code GET requesttopay/{referenceId}} arrived for this reference id (answered, refused or failed
     * alike): the count that shows how often a payment's status was asked.
     */
    public int statusReads(String referenceId) {
        synchronized (this) {
            AtomicInteger count = statusReadsPerReference.get(referenceId.toLowerCase(Locale.ROOT));
            return count == null ? 0 : count.get();
        }
    }

    /** The Disbursement product's counters and records (transfers, refunds). */
    public Disbursement disbursement() {
        return disbursement;
    }

    /**
     * The collected request to pay under this reference id, as {@code {status, amount, currency}} now, if any:
     * what a Disbursement refund checks its {@code referenceIdToRefund} against.
     */
    Optional<String[]> collected(String referenceId) {
        Transaction t;
        synchronized (this) {
            t = transactions.get(referenceId.toLowerCase(Locale.ROOT));
        }
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new String[]{(String) statusBody(t, Instant.now()).get("status"), t.amount(), t.currency()});
    }

    /** How many token requests arrived (granted or refused). */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** How many callbacks were sent (each copy counts). */
    public int callbacksSent() {
        return callbacksSent.get();
    }

    /** Every token issued so far is refused from now on, as after its expiry. */
    public void expireTokens() {
        synchronized (this) {
            tokens.replaceAll((token, expiry) -> Instant.EPOCH);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        callbacks.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals(TOKEN_PATH) && method.equals("POST")) {
                token(exchange);
            } else if (path.equals(REQUEST_TO_PAY_PATH) && method.equals("POST")) {
                requestToPay(exchange);
            } else if (path.startsWith(REQUEST_TO_PAY_PATH + "/") && method.equals("GET")) {
                String reference = path.substring(REQUEST_TO_PAY_PATH.length() + 1);
                synchronized (this) {
                    statusReadsPerReference.computeIfAbsent(reference.toLowerCase(Locale.ROOT), r -> new AtomicInteger())
                            .incrementAndGet();
                }
                status(exchange, reference);
            } else if (path.startsWith(Disbursement.PREFIX)) {
                disbursement.handle(exchange, path, method);
            } else {
                send(exchange, 404, Map.of("code", "RESOURCE_NOT_FOUND", "message", "No such operation."));
            }
        } catch (RuntimeException e) {
            // never a stack trace on the wire: the simulator's own failure, as MTN's generic 500
            send(exchange, 500, Map.of("code", "INTERNAL_PROCESSING_ERROR", "message", "Simulator error."));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        String body = readBody(exchange);
        pause(faults.tokenDelay);
        if (!subscriptionKeyOk(exchange)) {
            send(exchange, 401, Map.of("statusCode", 401, "message",
                    "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."));
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((settings.credentials().apiUser() + ":"
                + settings.credentials().apiKey()).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, Map.of("error", "login_failed"));
            return;
        }
        if (body == null || !body.isEmpty()) {
            send(exchange, 400, Map.of("code", "REQUEST_REJECTED", "message", "The token API takes no body."));
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Duration lifetime = faults.tokenLifetime != null ? faults.tokenLifetime : settings.tokenLifetime();
        synchronized (this) {
            tokens.put(token, Instant.now().plus(lifetime));
        }
        send(exchange, 200, Map.of("access_token", token, "token_type", "access_token",
                "expires_in", Math.max(0, lifetime.toSeconds())));
    }

    private void requestToPay(HttpExchange exchange) throws IOException {
        String reference = exchange.getRequestHeaders().getFirst("X-Reference-Id");
        if (reference != null) {
            synchronized (this) {
                postsPerReference.computeIfAbsent(reference.toLowerCase(Locale.ROOT), r -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
        String body = readBody(exchange);
        if (!authorized(exchange)) {
            return;
        }
        String error = headerError(exchange, reference);
        if (error == null && body == null) {
            error = "The body is larger than " + MAX_BODY + " bytes.";
        }
        Map<String, Object> fields = null;
        if (error == null) {
            try {
                Object parsed = Json.parse(body);
                if (parsed instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) map;
                    fields = typed;
                    error = bodyError(fields);
                } else {
                    error = "The body must be a JSON object.";
                }
            } catch (IOException e) {
                error = "The body is not valid JSON.";
            }
        }
        if (error != null) {
            send(exchange, 400, Map.of("code", "REQUEST_REJECTED", "message", error));
            return;
        }
        String callbackUrl = exchange.getRequestHeaders().getFirst("X-Callback-Url");
        boolean failing = faults.failingInitiates.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (failing && !faults.acceptBeforeFailing) {
            send(exchange, faults.failureStatus, Map.of("code", "INTERNAL_PROCESSING_ERROR",
                    "message", "An internal error occurred while processing."));
            return;
        }
        if (!accept(reference.toLowerCase(Locale.ROOT), fields, callbackUrl)) {
            send(exchange, 409, Map.of("code", "RESOURCE_ALREADY_EXIST",
                    "message", "Duplicated reference id. Creation of resource failed."));
            return;
        }
        pause(faults.initiateDelay);
        if (failing) {
            send(exchange, faults.failureStatus, Map.of("code", "INTERNAL_PROCESSING_ERROR",
                    "message", "An internal error occurred while processing."));
            return;
        }
        sendEmpty(exchange, 202);
    }

    private String headerError(HttpExchange exchange, String reference) {
        if (reference == null || !UUID_V4.matcher(reference).matches()) {
            return "X-Reference-Id must be a UUID version 4.";
        }
        String environment = exchange.getRequestHeaders().getFirst("X-Target-Environment");
        if (environment == null || !environment.equals(settings.targetEnvironment())) {
            return "X-Target-Environment must be " + settings.targetEnvironment() + ".";
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "Content-Type must be application/json.";
        }
        String callbackUrl = exchange.getRequestHeaders().getFirst("X-Callback-Url");
        if (callbackUrl != null) {
            try {
                URI uri = new URI(callbackUrl);
                if (!uri.isAbsolute() || uri.getHost() == null
                        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                    return "X-Callback-Url must be an absolute http(s) URL.";
                }
            } catch (java.net.URISyntaxException e) {
                return "X-Callback-Url must be an absolute http(s) URL.";
            }
        }
        return null;
    }

    private String bodyError(Map<String, Object> body) {
        if (!(body.get("amount") instanceof String amount)) {
            return "amount must be a string.";
        }
        if (!AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return "amount must be a positive number written as a string.";
        }
        if (!(body.get("currency") instanceof String currency)) {
            return "currency must be a string.";
        }
        if (!currency.equals(settings.currency())) {
            return "currency must be " + settings.currency() + " in this target environment.";
        }
        if (NO_MINOR_UNIT.contains(currency) && amount.contains(".")) {
            return "amount has no decimals in " + currency + ".";
        }
        if (!(body.get("externalId") instanceof String)) {
            return "externalId must be a string.";
        }
        if (!(body.get("payer") instanceof Map<?, ?> payer)) {
            return "payer must be an object.";
        }
        if (!(payer.get("partyIdType") instanceof String type) || !List.of("MSISDN", "EMAIL", "PARTY_CODE").contains(type)) {
            return "payer.partyIdType must be MSISDN, EMAIL or PARTY_CODE.";
        }
        if (!(payer.get("partyId") instanceof String id) || id.isEmpty()) {
            return "payer.partyId must be a string.";
        }
        if (type.equals("MSISDN") && !MSISDN.matcher(id).matches()) {
            return "payer.partyId must be the number's digits with the country code, no '+'.";
        }
        for (String field : List.of("payerMessage", "payeeNote")) {
            Object value = body.get(field);
            if (value != null && !(value instanceof String)) {
                return field + " must be a string.";
            }
            if (value instanceof String text && (text.length() > MAX_TEXT || text.indexOf('\'') >= 0)) {
                return field + " must be at most " + MAX_TEXT + " characters, without apostrophes.";
            }
        }
        return null;
    }

    /** Records the request; false if its reference id is taken. Schedules its callback. */
    private boolean accept(String reference, Map<String, Object> body, String callbackUrl) {
        @SuppressWarnings("unchecked") Map<String, Object> payer = (Map<String, Object>) body.get("payer");
        String type = (String) payer.get("partyIdType");
        String id = (String) payer.get("partyId");
        Transaction transaction = new Transaction(reference, (String) body.get("amount"), (String) body.get("currency"),
                (String) body.get("externalId"), type, id, (String) body.get("payerMessage"),
                (String) body.get("payeeNote"), callbackUrl, Instant.now(), SandboxNumbers.outcomeOf(type, id),
                Long.toString(ledger.incrementAndGet()));
        synchronized (this) {
            if (transactions.containsKey(reference)) {
                return false;
            }
            transactions.put(reference, transaction);
            acceptedPerExternalId.computeIfAbsent(transaction.externalId(), e -> new AtomicInteger()).incrementAndGet();
        }
        boolean settles = !transaction.outcome().filter(SandboxNumbers.STAYS_PENDING::equals).isPresent();
        if (callbackUrl != null && settles) {
            callbacks.schedule(() -> callback(transaction), settings.payerDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private void status(HttpExchange exchange, String reference) throws IOException {
        readBody(exchange);
        if (!authorized(exchange)) {
            return;
        }
        String environment = exchange.getRequestHeaders().getFirst("X-Target-Environment");
        if (environment == null || !environment.equals(settings.targetEnvironment())) {
            send(exchange, 400, Map.of("code", "REQUEST_REJECTED",
                    "message", "X-Target-Environment must be " + settings.targetEnvironment() + "."));
            return;
        }
        pause(faults.statusDelay);
        if (faults.failingStatusReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            byte[] bytes = faults.statusFailureBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(faults.statusFailure, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            return;
        }
        Transaction transaction;
        synchronized (this) {
            transaction = transactions.get(reference.toLowerCase(Locale.ROOT));
        }
        if (transaction == null) {
            send(exchange, 404, Map.of("code", "RESOURCE_NOT_FOUND", "message", "Requested resource was not found."));
            return;
        }
        send(exchange, 200, statusBody(transaction, Instant.now()));
    }

    /** The request as MTN shows it at {@code now}: PENDING during the payer delay, then its outcome. */
    private Map<String, Object> statusBody(Transaction t, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", t.amount());
        body.put("currency", t.currency());
        body.put("externalId", t.externalId());
        body.put("payer", Map.of("partyIdType", t.partyIdType(), "partyId", t.partyId()));
        if (t.payerMessage() != null) {
            body.put("payerMessage", t.payerMessage());
        }
        if (t.payeeNote() != null) {
            body.put("payeeNote", t.payeeNote());
        }
        boolean decided = !now.isBefore(t.createdAt().plus(settings.payerDelay()));
        String outcome = t.outcome().orElse(null);
        if (!decided || SandboxNumbers.STAYS_PENDING.equals(outcome)) {
            body.put("status", "PENDING");
            if (SandboxNumbers.STAYS_PENDING.equals(outcome)) {
                body.put("reason", SandboxNumbers.pendingReason(t.partyId()));
            }
        } else if (outcome == null) {
            body.put("financialTransactionId", t.financialTransactionId());
            body.put("status", "SUCCESSFUL");
        } else {
            body.put("status", "FAILED");
            body.put("reason", faults.reasonAsObject ? Map.of("code", outcome, "message", outcome) : outcome);
        }
        return body;
    }

    private void callback(Transaction transaction) {
        if (faults.dropCallbacks) {
            return;
        }
        String body = Json.write(statusBody(transaction, Instant.now()));
        for (int copy = 0; copy < faults.callbackCopies; copy++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(transaction.callbackUrl()))
                        .timeout(Duration.ofSeconds(2))
                        .header("Content-Type", "application/json")
                        .method(settings.callbackMethod(), HttpRequest.BodyPublishers.ofString(body))
                        .build();
                callbacksSent.incrementAndGet();
                callbackClient.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException | IllegalArgumentException e) {
                // MTN sends once and does not tell the caller; the payee polls the status
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Checks the subscription key and the Bearer token; answers 401 and returns false when either is wrong. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        if (!subscriptionKeyOk(exchange)) {
            send(exchange, 401, Map.of("statusCode", 401, "message",
                    "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."));
            return false;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expiry = null;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            synchronized (this) {
                expiry = tokens.get(authorization.substring("Bearer ".length()));
            }
        }
        if (expiry == null || !Instant.now().isBefore(expiry)) {
            send(exchange, 401, Map.of("code", "UNAUTHORIZED", "message",
                    expiry == null ? "Missing or unknown access token." : "The access token has expired."));
            return false;
        }
        return true;
    }

    private boolean subscriptionKeyOk(HttpExchange exchange) {
        return settings.credentials().subscriptionKey()
                .equals(exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
    }

    /** The body as text, or null when it is larger than the simulator reads. */
    static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendEmpty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
