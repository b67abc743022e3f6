package io.cauri.simulator.fedapay;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FedaPay's collection API, as its public documentation and official SDKs (fedapay-php, fedapay-node) describe it,
 * served on 127.0.0.1 for tests and local demos. See this module's README for every rule and where it comes from.
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <secret key>} on every call, else 401.</li>
 *   <li>{@code POST /v1/transactions}: {@code description} (string), {@code amount} (JSON integer &gt; 0),
 *       {@code currency: {iso}} (XOF or GNF), optional {@code callback_url}, {@code custom_metadata} (object),
 *       {@code merchant_reference} (string), {@code customer} ({@code {id}} or names, email,
 *       {@code phone_number: {number, country}}) → {@code {"v1/transaction": {id, reference, status: "pending", …}}}.</li>
 *   <li>{@code POST /v1/transactions/{id}/token} → {@code {token, url}}.</li>
 *   <li>Push: {@code POST /v1/{mode}} (the SDKs' path; {@code POST /v1/transactions/{mode}}, the API reference's,
 *       is served too) with {@code {token, phone_number?: {number, country}}}: the payer's prompt. The payer answers
 *       after the payer delay, as {@link Outcome} says for the number; a never-answered push expires.</li>
 *   <li>{@code GET /v1/transactions/{id}} → the transaction.</li>
 *   <li>Errors: {@code {"message": …, "errors": {field: [messages]}}} with a 4xx or 5xx status.</li>
 *   <li>Webhooks to the configured URL: {@code {id, name, object, entity, created_at}} signed
 *       {@code X-FEDAPAY-SIGNATURE: t=<unix seconds>,s=<hex HMAC-SHA256(secret, t + "." + body)>}.</li>
 * </ul>
 *
 * Memory is bounded: at most {@code maxTransactions} transactions (the oldest are forgotten), the last 1 000
 * webhook deliveries, a webhook queue of 1 000, request bodies of 64 KiB.
 */
public final class FedaPaySimulator implements AutoCloseable {

    /** The calls the simulator counts and can fault. */
    public enum Operation { CREATE, TOKEN, PUSH, RETRIEVE }

    /** The operators' push modes: the SDKs' list and the payment-methods page's. */
    public static final Set<String> MODES = Set.of("mtn", "moov", "mtn_ci", "moov_tg", "mtn_open", "airtel_ne",
            "free_sn", "togocel", "mtn_ecw", "mtn_open_ci", "wave_direct_ci", "sbin", "mtn_open_gn");

    private static final Set<String> CURRENCIES = Set.of("XOF", "GNF");
    private static final int MAX_BODY = 64 * 1024;
    private static final String CONTROL = "/_simulator/";
    private static final int KEPT_DELIVERIES = 1_000;
    private static final Pattern TRANSACTION = Pattern.compile("/v1/transactions/([0-9]+)");
    private static final Pattern TOKEN = Pattern.compile("/v1/transactions/([0-9]+)/token");
    private static final Pattern PUSH = Pattern.compile("/v1/(?:transactions/)?([a-z_]+)");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{8,15}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    /**
     * @param secretKey       the only key accepted in {@code Authorization: Bearer …}
     * @param webhookUrl      where events are POSTed; null: none sent
     * @param webhookSecret   the webhook endpoint's secret, the HMAC key of {@code X-FEDAPAY-SIGNATURE}
     * @param payerDelay      how long after the push the payer answers
     * @param expiry          how long after the push a never-answered transaction expires
     * @param maxTransactions how many transactions are kept (the oldest are forgotten beyond it)
     */
    public record Settings(String secretKey, URI webhookUrl, String webhookSecret, Duration payerDelay,
                           Duration expiry, int maxTransactions) {
        public Settings {
            if (secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("secretKey is required");
            }
            if (webhookUrl != null && (webhookSecret == null || webhookSecret.isBlank())) {
                throw new IllegalArgumentException("a webhook URL needs its secret");
            }
            if (maxTransactions < 1) {
                throw new IllegalArgumentException("maxTransactions must be positive");
            }
        }

        public static Settings of(String secretKey) {
            return new Settings(secretKey, null, null, Duration.ofSeconds(3), Duration.ofMinutes(10), 10_000);
        }

        public Settings withWebhook(URI url, String secret) {
            return new Settings(secretKey, url, secret, payerDelay, expiry, maxTransactions);
        }

        public Settings withPayerDelay(Duration delay) {
            return new Settings(secretKey, webhookUrl, webhookSecret, delay, expiry, maxTransactions);
        }

        public Settings withExpiry(Duration after) {
            return new Settings(secretKey, webhookUrl, webhookSecret, payerDelay, after, maxTransactions);
        }

        public Settings withMaxTransactions(int max) {
            return new Settings(secretKey, webhookUrl, webhookSecret, payerDelay, expiry, max);
        }

        @Override
        public String toString() {
            return "Settings[secretKey=****, webhookUrl=" + webhookUrl + ", webhookSecret=****, payerDelay="
                    + payerDelay + ", expiry=" + expiry + ", maxTransactions=" + maxTransactions + "]";
        }
    }

    /** One webhook POST the simulator made: the event name, the transaction, the endpoint's HTTP status (0: no answer). */
    public record Delivery(String event, long transactionId, String body, String signature, int status) {
    }

    private enum FaultKind { ERROR_BEFORE, ERROR_AFTER, SLOW, NO_ANSWER }

    private record Fault(FaultKind kind, int status, Duration delay) {
    }

    private static final class Transaction {
        final long id;
        final String reference;
        final long amount;
        final String currency;
        final String description;
        final String callbackUrl;
        final Map<String, Object> customMetadata;
        final String merchantReference;
        final Map<String, Object> customer;
        final Instant createdAt;
        final EnumMap<Operation, Integer> requests = new EnumMap<>(Operation.class);
        String status = "pending";
        String mode;
        String token;
        String lastErrorCode;
        Instant updatedAt;
        Instant approvedAt;
        Instant declinedAt;
        Instant canceledAt;

        Transaction(long id, String reference, long amount, String currency, String description, String callbackUrl,
                    Map<String, Object> customMetadata, String merchantReference, Map<String, Object> customer,
                    Instant at) {
            this.id = id;
            this.reference = reference;
            this.amount = amount;
            this.currency = currency;
            this.description = description;
            this.callbackUrl = callbackUrl;
            this.customMetadata = customMetadata;
            this.merchantReference = merchantReference;
            this.customer = customer;
            this.createdAt = at;
            this.updatedAt = at;
        }

        void count(Operation op) {
            requests.merge(op, 1, Integer::sum);
        }

        Map<String, Object> json() {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("klass", "v1/transaction");
            t.put("id", id);
            t.put("reference", reference);
            t.put("amount", amount);
            t.put("description", description);
            t.put("callback_url", callbackUrl);
            t.put("status", status);
            t.put("currency", Map.of("iso", currency));
            t.put("mode", mode);
            t.put("operation", "payment");
            t.put("merchant_reference", merchantReference);
            t.put("custom_metadata", customMetadata);
            t.put("last_error_code", lastErrorCode);
            t.put("created_at", createdAt.toString());
            t.put("updated_at", updatedAt.toString());
            t.put("approved_at", approvedAt == null ? null : approvedAt.toString());
            t.put("declined_at", declinedAt == null ? null : declinedAt.toString());
            t.put("canceled_at", canceledAt == null ? null : canceledAt.toString());
            return t;
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService payer;
    private final ThreadPoolExecutor webhookSender;
    private final HttpClient webhookClient;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong eventIds = new AtomicLong(1);
    private final Map<Long, Transaction> transactions;
    private final Map<String, Long> tokens = new LinkedHashMap<>();
    private final EnumMap<Operation, Deque<Fault>> faults = new EnumMap<>(Operation.class);
    private final Deque<Delivery> deliveries = new ArrayDeque<>();
    private final EnumMap<Operation, Integer> totals = new EnumMap<>(Operation.class);
    private boolean dropWebhooks;
    private boolean duplicateWebhooks;

    private FedaPaySimulator(Settings settings, int port, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.transactions = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Transaction> eldest) {
                if (size() > settings.maxTransactions()) {
                    tokens.values().remove(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
        for (Operation op : Operation.values()) {
            faults.put(op, new ArrayDeque<>());
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.handlers = Executors.newFixedThreadPool(8, daemon("fedapay-sim-http"));
        this.payer = Executors.newSingleThreadScheduledExecutor(daemon("fedapay-sim-payer"));
        this.webhookSender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                daemon("fedapay-sim-webhooks"), new ThreadPoolExecutor.DiscardOldestPolicy());
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A simulator on 127.0.0.1 at a free port. */
    public static FedaPaySimulator start(Settings settings) throws IOException {
        return new FedaPaySimulator(settings, 0, Clock.systemUTC());
    }

    public static FedaPaySimulator start(Settings settings, int port) throws IOException {
        return new FedaPaySimulator(settings, port, Clock.systemUTC());
    }

    /** The base URL a client configures: FedaPay's paths ({@code /v1/…}) follow it. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- fault switches --------------------------------------------------------------------------------------

    /** The next {@code op} answers {@code status} without doing anything (a 5xx before processing). */
    public synchronized void failNext(Operation op, int status) {
        faults.get(op).add(new Fault(FaultKind.ERROR_BEFORE, status, Duration.ZERO));
    }

    /** The next {@code op} is carried out, then answered {@code status}: the client cannot tell it happened. */
    public synchronized void failNextAfterProcessing(Operation op, int status) {
        faults.get(op).add(new Fault(FaultKind.ERROR_AFTER, status, Duration.ZERO));
    }

    /** The next {@code op} is carried out and answered only after {@code delay} (a client timeout after sending). */
    public synchronized void delayNext(Operation op, Duration delay) {
        faults.get(op).add(new Fault(FaultKind.SLOW, 200, delay));
    }

    /** The next {@code op} is carried out and its connection closed with no answer at all. */
    public synchronized void closeNext(Operation op) {
        faults.get(op).add(new Fault(FaultKind.NO_ANSWER, 0, Duration.ZERO));
    }

    /** Webhooks are computed and recorded as not sent (status 0) instead of POSTed. */
    public synchronized void dropWebhooks(boolean drop) {
        this.dropWebhooks = drop;
    }

    /** Every webhook is POSTed twice, same body and signature. */
    public synchronized void duplicateWebhooks(boolean duplicate) {
        this.duplicateWebhooks = duplicate;
    }

    // ---- what happened ---------------------------------------------------------------------------------------

    /** How many {@code op} requests named the transaction (answered or faulted, accepted or refused). */
    public synchronized int requests(Operation op, long transactionId) {
        Transaction t = transactions.get(transactionId);
        return t == null ? 0 : t.requests.getOrDefault(op, 0);
    }

    /** How many {@code op} requests arrived in all, whatever they named and however they were answered. */
    public synchronized int total(Operation op) {
        return totals.getOrDefault(op, 0);
    }

    /** The transactions whose {@code custom_metadata[key]} is {@code value}, oldest first. */
    public synchronized List<Long> transactionsWithMetadata(String key, String value) {
        List<Long> found = new ArrayList<>();
        for (Transaction t : transactions.values()) {
            if (t.customMetadata != null && value.equals(String.valueOf(t.customMetadata.get(key)))) {
                found.add(t.id);
            }
        }
        return found;
    }

    public synchronized Optional<String> status(long transactionId) {
        return Optional.ofNullable(transactions.get(transactionId)).map(t -> t.status);
    }

    /** The last webhook deliveries, oldest first. */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        payer.shutdownNow();
        webhookSender.shutdownNow();
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private record Answer(int status, Object body) {
    }

    private static final class Refused extends Exception {
        final int status;
        final String field;

        Refused(int status, String message, String field) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(CONTROL)) {
                send(exchange, control(exchange, method, path));
                return;
            }
            Operation op = operation(method, path);
            if (op == null) {
                send(exchange, error(404, "Not Found", null));
                return;
            }
            Long named = transactionNamed(op, path);
            Fault fault;
            synchronized (this) {
                fault = faults.get(op).poll();
            }
            synchronized (this) {
                totals.merge(op, 1, Integer::sum);
            }
            if (fault != null && fault.kind() == FaultKind.ERROR_BEFORE) {
                countFor(op, named, op == Operation.PUSH ? tokenIn(bodyOrEmpty(exchange)) : null);
                send(exchange, error(fault.status(), "Internal Server Error", null));
                return;
            }
            Answer answer;
            try {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !auth.equals("Bearer " + settings.secretKey())) {
                    countFor(op, named, op == Operation.PUSH ? tokenIn(readBody(exchange)) : null);
                    throw new Refused(401, "Unauthenticated", null);
                }
                String body = readBody(exchange);
                answer = switch (op) {
                    case CREATE -> create(exchange, body);
                    case TOKEN -> token(named);
                    case PUSH -> push(exchange, path, body);
                    case RETRIEVE -> retrieve(named);
                };
            } catch (Refused refused) {
                answer = error(refused.status, refused.getMessage(), refused.field);
            }
            if (fault == null) {
                send(exchange, answer);
            } else if (fault.kind() == FaultKind.ERROR_AFTER) {
                send(exchange, error(fault.status(), "Internal Server Error", null));
            } else if (fault.kind() == FaultKind.SLOW) {
                sleep(fault.delay());
                send(exchange, answer);
            }
            // NO_ANSWER: the exchange is closed with nothing written; the client sees the connection end
        } catch (IOException clientGone) {
            // a client that timed out and closed: nothing to answer
        }
    }

    /**
     * The simulator's own control plane (not FedaPay's API, served on loopback only) so a standalone simulator can
     * be switched from a shell: {@code POST /_simulator/faults {"operation":"PUSH","kind":"fail"|"failAfter"|
     * "delay"|"close","status":500,"delayMs":3000}}, {@code POST /_simulator/webhooks {"drop":bool,
     * "duplicate":bool}}, {@code GET /_simulator/transactions/{id}} (status and request counts).
     */
    private Answer control(HttpExchange exchange, String method, String path) throws IOException {
        try {
            if (method.equals("POST") && path.equals(CONTROL + "faults")) {
                Map<String, Object> in = jsonObject(exchange, readBody(exchange), true);
                Operation op = Operation.valueOf(String.valueOf(in.get("operation")));
                int status = in.get("status") instanceof Long l ? l.intValue() : 500;
                switch (String.valueOf(in.get("kind"))) {
                    case "fail" -> failNext(op, status);
                    case "failAfter" -> failNextAfterProcessing(op, status);
                    case "delay" -> delayNext(op, Duration.ofMillis(in.get("delayMs") instanceof Long ms ? ms : 5_000));
                    case "close" -> closeNext(op);
                    default -> throw new Refused(400, "kind is fail, failAfter, delay or close", "kind");
                }
                return new Answer(200, Map.of("queued", op.name()));
            }
            if (method.equals("POST") && path.equals(CONTROL + "webhooks")) {
                Map<String, Object> in = jsonObject(exchange, readBody(exchange), true);
                dropWebhooks(Boolean.TRUE.equals(in.get("drop")));
                duplicateWebhooks(Boolean.TRUE.equals(in.get("duplicate")));
                return new Answer(200, Map.of("drop", in.get("drop") == Boolean.TRUE,
                        "duplicate", in.get("duplicate") == Boolean.TRUE));
            }
            Matcher m = Pattern.compile(CONTROL + "transactions/([0-9]{1,18})").matcher(path);
            if (method.equals("GET") && m.matches()) {
                long id = Long.parseLong(m.group(1));
                Optional<String> status = status(id);
                if (status.isEmpty()) {
                    throw new Refused(404, "Transaction not found", null);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                out.put("status", status.get());
                for (Operation op : Operation.values()) {
                    out.put(op.name().toLowerCase(Locale.ROOT), requests(op, id));
                }
                return new Answer(200, out);
            }
            return error(404, "Not Found", null);
        } catch (Refused refused) {
            return error(refused.status, refused.getMessage(), refused.field);
        } catch (IllegalArgumentException unknownOperation) {
            return error(400, "operation is CREATE, TOKEN, PUSH or RETRIEVE", "operation");
        }
    }

    private static Operation operation(String method, String path) {
        if (method.equals("POST") && path.equals("/v1/transactions")) {
            return Operation.CREATE;
        }
        if (method.equals("POST") && TOKEN.matcher(path).matches()) {
            return Operation.TOKEN;
        }
        if (method.equals("GET") && TRANSACTION.matcher(path).matches()) {
            return Operation.RETRIEVE;
        }
        if (method.equals("POST") && PUSH.matcher(path).matches()) {
            return Operation.PUSH;
        }
        return null;
    }

    private static Long transactionNamed(Operation op, String path) {
        Matcher m = (op == Operation.TOKEN ? TOKEN : TRANSACTION).matcher(path);
        if ((op == Operation.TOKEN || op == Operation.RETRIEVE) && m.matches()) {
            try {
                return Long.parseLong(m.group(1));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        return null;
    }

    private synchronized void countFor(Operation op, Long transactionId, String token) {
        Long id = transactionId != null ? transactionId : token == null ? null : tokens.get(token);
        Transaction t = id == null ? null : transactions.get(id);
        if (t != null) {
            t.count(op);
        }
    }

    /** The push body's token, read leniently: only to count a refused or faulted push against its transaction. */
    private static String tokenIn(String body) {
        try {
            return Json.parse(body) instanceof Map<?, ?> m && m.get("token") instanceof String token ? token : null;
        } catch (IOException malformed) {
            return null;
        }
    }

    private static String bodyOrEmpty(HttpExchange exchange) throws IOException {
        try {
            return readBody(exchange);
        } catch (Refused tooLarge) {
            return "";
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException, Refused {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Refused(413, "Request body too large", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> jsonObject(HttpExchange exchange, String body, boolean required) throws Refused {
        if (body.isBlank() && !required) {
            return Map.of();
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refused(415, "Content-Type must be application/json", null);
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (IOException malformed) {
            throw new Refused(400, "Malformed JSON body", null);
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new Refused(400, "The body must be a JSON object", null);
        }
        @SuppressWarnings("unchecked") Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    private Answer create(HttpExchange exchange, String body) throws Refused {
        Map<String, Object> in = jsonObject(exchange, body, true);
        String description = requiredString(in, "description");
        Object amount = in.get("amount");
        if (!(amount instanceof Long value) || value <= 0) {
            throw new Refused(400, "Transaction creation failed", "amount"); // "1000" and 1000.0 included
        }
        if (!(in.get("currency") instanceof Map<?, ?> currency) || !(currency.get("iso") instanceof String iso)) {
            throw new Refused(400, "Transaction creation failed", "currency");
        }
        if (!CURRENCIES.contains(iso)) {
            throw new Refused(400, "Currency not supported", "currency");
        }
        String callbackUrl = optionalString(in, "callback_url");
        if (callbackUrl != null && !callbackUrl.matches("https?://.+")) {
            throw new Refused(400, "Transaction creation failed", "callback_url");
        }
        Object metadata = in.get("custom_metadata");
        if (metadata != null && !(metadata instanceof Map<?, ?>)) {
            throw new Refused(400, "Transaction creation failed", "custom_metadata");
        }
        String merchantReference = optionalString(in, "merchant_reference");
        Object customerValue = in.get("customer");
        if (customerValue != null && !(customerValue instanceof Map<?, ?>)) {
            throw new Refused(400, "Transaction creation failed", "customer");
        }
        @SuppressWarnings("unchecked") Map<String, Object> customer = (Map<String, Object>) customerValue;
        if (customer != null) {
            checkCustomer(customer);
        }
        @SuppressWarnings("unchecked") Map<String, Object> meta = (Map<String, Object>) metadata;
        Instant now = clock.instant();
        long id = ids.incrementAndGet();
        Transaction t = new Transaction(id, "trx_" + randomToken(6) + "_" + now.toEpochMilli(), value, iso,
                description, callbackUrl, meta, merchantReference, customer, now);
        synchronized (this) {
            transactions.put(id, t);
            t.count(Operation.CREATE);
        }
        event("transaction.created", t);
        return new Answer(200, Map.of("v1/transaction", t.json()));
    }

    private static void checkCustomer(Map<String, Object> customer) throws Refused {
        if (customer.containsKey("id")) {
            if (!(customer.get("id") instanceof Long)) {
                throw new Refused(400, "Transaction creation failed", "customer.id");
            }
            return;
        }
        for (String field : List.of("firstname", "lastname", "email")) {
            Object v = customer.get(field);
            if (v != null && !(v instanceof String)) {
                throw new Refused(400, "Transaction creation failed", "customer." + field);
            }
        }
        if (customer.get("phone_number") != null) {
            phoneNumber(customer.get("phone_number"), "customer.phone_number");
        }
    }

    private static Map<String, Object> phoneNumber(Object value, String field) throws Refused {
        if (!(value instanceof Map<?, ?> phone) || !(phone.get("number") instanceof String number)
                || !(phone.get("country") instanceof String country)) {
            throw new Refused(400, "Invalid phone number", field);
        }
        if (!NUMBER.matcher(number).matches() || !COUNTRY.matcher(country).matches()) {
            throw new Refused(400, "Invalid phone number", field);
        }
        return Map.of("number", number, "country", country.toLowerCase(Locale.ROOT));
    }

    private Answer token(Long id) throws Refused {
        synchronized (this) {
            Transaction t = id == null ? null : transactions.get(id);
            if (t == null) {
                throw new Refused(404, "Transaction not found", null);
            }
            t.count(Operation.TOKEN);
            if (!t.status.equals("pending")) {
                throw new Refused(400, "Transaction is not pending", null);
            }
            if (t.token != null) {
                tokens.remove(t.token);
            }
            t.token = randomToken(24);
            tokens.put(t.token, t.id);
            return new Answer(200, Map.of("token", t.token, "url", baseUrl() + "/process/" + t.token));
        }
    }

    private Answer push(HttpExchange exchange, String path, String body) throws Refused {
        Matcher m = PUSH.matcher(path);
        m.matches();
        String mode = m.group(1);
        Map<String, Object> in = jsonObject(exchange, body, true);
        Object tokenValue = in.get("token");
        Transaction t;
        synchronized (this) {
            Long id = tokenValue instanceof String token ? tokens.get(token) : null;
            t = id == null ? null : transactions.get(id);
            if (t != null) {
                t.count(Operation.PUSH);
            }
        }
        if (!(tokenValue instanceof String)) {
            throw new Refused(400, "Invalid token", "token");
        }
        if (t == null) {
            throw new Refused(404, "Transaction not found", "token");
        }
        if (!MODES.contains(mode)) {
            throw new Refused(400, "Invalid payment method '" + mode + "'", "mode");
        }
        Map<String, Object> phone = in.get("phone_number") != null ? phoneNumber(in.get("phone_number"), "phone_number")
                : t.customer != null && t.customer.get("phone_number") != null
                ? phoneNumber(t.customer.get("phone_number"), "phone_number") : null;
        if (phone == null) {
            throw new Refused(400, "A phone number is required", "phone_number");
        }
        Outcome outcome = Outcome.forNumber((String) phone.get("number"));
        synchronized (this) {
            if (!t.status.equals("pending") || t.mode != null) {
                throw new Refused(400, "Transaction already processed", null);
            }
            t.mode = mode;
            t.updatedAt = clock.instant();
        }
        Duration after = outcome == Outcome.NEVER_ANSWER ? settings.expiry() : settings.payerDelay();
        payer.schedule(() -> settle(t, outcome), after.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("reference", "pi_" + randomToken(10));
        intent.put("amount", t.amount);
        intent.put("status", "pending");
        intent.put("mode", mode);
        intent.put("last_error_code", "NO_ERROR");
        intent.put("transaction_id", t.id);
        intent.put("created_at", clock.instant().toString());
        return new Answer(200, Map.of("v1/payment_intent", intent));
    }

    private Answer retrieve(Long id) throws Refused {
        synchronized (this) {
            Transaction t = id == null ? null : transactions.get(id);
            if (t == null) {
                throw new Refused(404, "Transaction not found", null);
            }
            t.count(Operation.RETRIEVE);
            return new Answer(200, Map.of("v1/transaction", t.json()));
        }
    }

    private void settle(Transaction t, Outcome outcome) {
        synchronized (this) {
            if (!t.status.equals("pending")) {
                return;
            }
            Instant now = clock.instant();
            t.status = outcome.status();
            t.lastErrorCode = outcome.lastErrorCode().orElse(null);
            t.updatedAt = now;
            switch (t.status) {
                case "approved" -> t.approvedAt = now;
                case "declined" -> t.declinedAt = now;
                case "canceled" -> t.canceledAt = now;
                default -> {
                    // expired: FedaPay documents no expiry event, so none is sent
                }
            }
            if (t.token != null) {
                tokens.remove(t.token);
            }
        }
        if (!t.status.equals("expired")) {
            event("transaction." + t.status, t);
        }
    }

    // ---- webhooks -------------------------------------------------------------------------------------------

    private void event(String name, Transaction t) {
        if (settings.webhookUrl() == null) {
            return;
        }
        Map<String, Object> entity;
        synchronized (this) {
            entity = t.json();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventIds.getAndIncrement());
        event.put("name", name);
        event.put("object", "transaction");
        event.put("object_id", t.id);
        event.put("entity", entity);
        event.put("created_at", clock.instant().toString());
        String body = Json.write(event);
        long timestamp = clock.instant().getEpochSecond();
        String signature = "t=" + timestamp + ",s=" + sign(settings.webhookSecret(), timestamp + "." + body);
        boolean drop;
        int copies;
        synchronized (this) {
            drop = dropWebhooks;
            copies = duplicateWebhooks ? 2 : 1;
        }
        if (drop) {
            record(new Delivery(name, t.id, body, signature, 0));
            return;
        }
        for (int i = 0; i < copies; i++) {
            webhookSender.execute(() -> deliver(name, t.id, body, signature));
        }
    }

    private void deliver(String name, long transactionId, String body, String signature) {
        int status = 0;
        try {
            HttpResponse<Void> response = webhookClient.send(HttpRequest.newBuilder(settings.webhookUrl())
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("X-FEDAPAY-SIGNATURE", signature)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (IOException unreachable) {
            // recorded with status 0: FedaPay's retry policy is not documented, so none is simulated
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        record(new Delivery(name, transactionId, body, signature, status));
    }

    private synchronized void record(Delivery delivery) {
        deliveries.addLast(delivery);
        while (deliveries.size() > KEPT_DELIVERIES) {
            deliveries.removeFirst();
        }
    }

    /** {@code hex(HMAC-SHA256(secret, payload))}, as fedapay-php's {@code WebhookSignature::computeSignature}. */
    public static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String requiredString(Map<String, Object> in, String field) throws Refused {
        if (!(in.get(field) instanceof String s) || s.isBlank()) {
            throw new Refused(400, "Transaction creation failed", field);
        }
        return s;
    }

    private static String optionalString(Map<String, Object> in, String field) throws Refused {
        Object v = in.get(field);
        if (v != null && !(v instanceof String)) {
            throw new Refused(400, "Transaction creation failed", field);
        }
        return (String) v;
    }

    private static Answer error(int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("errors", field == null ? Map.of() : Map.of(field, List.of(field + " is invalid")));
        return new Answer(status, body);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
