package io.cauri.simulator.mtn;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MTN MoMo's Disbursement product in the simulator (docs/PROVIDERS.md §1.8), strict like its Collection side:
 * <ul>
 *   <li>{@code POST /disbursement/token/}: the Disbursement credentials (its own subscription key and API user:
 *       a Collection token or key is refused with 401), no body;</li>
 *   <li>{@code POST /disbursement/v1_0/transfer}: Bearer Disbursement token, subscription key, {@code X-Reference-Id}
 *       (UUID version 4), {@code X-Target-Environment}, {@code Content-Type: application/json}; body {@code amount}
 *       (string), {@code currency}, {@code externalId}, {@code payee {partyIdType, partyId}}, optional
 *       {@code payerMessage}/{@code payeeNote} → 202, 409 for a reference id already used, 400 otherwise;</li>
 *   <li>{@code POST /disbursement/v1_0/refund}: same headers; body {@code amount}, {@code currency},
 *       {@code externalId}, {@code referenceIdToRefund} (the request to pay's {@code X-Reference-Id}), optional
 *       texts → 202 / 409 / 400;</li>
 *   <li>{@code GET /disbursement/v1_0/transfer/{referenceId}}, {@code GET /disbursement/v1_0/refund/{referenceId}}
 *       → 200 PENDING during the payer delay, then SUCCESSFUL (with {@code financialTransactionId}) or FAILED
 *       (with {@code reason}); 404 for a reference never taken.</li>
 * </ul>
 * A transfer's outcome follows its payee's number (MTN's sandbox Transfer use cases, {@link #TRANSFER_REASONS}).
 * A refund fails (reason {@code TRANSACTION_NOT_FOUND}) when the request to pay it names is unknown, and
 * ({@code NOT_ALLOWED}) when that request is not SUCCESSFUL, is in another currency, or when it and the refunds
 * already taken would exceed its amount (MTN documents no cap: the simulator's choice). No callbacks are sent.
 */
public final class Disbursement {
    static final String PREFIX = "/disbursement/";
    private static final String TOKEN = "/disbursement/token/";
    private static final String TRANSFER = "/disbursement/v1_0/transfer";
    private static final String REFUND = "/disbursement/v1_0/refund";
    private static final String STAYS_PENDING = "PENDING";

    /** MTN's sandbox Transfer use cases (docs/PROVIDERS.md §1.10): the same numbers as RequestToPay, other meanings. */
    static final Map<String, String> TRANSFER_REASONS = Map.ofEntries(
            Map.entry("46733123450", "INTERNAL_PROCESSING_ERROR"), // Failed
            Map.entry("46733123451", "APPROVAL_REJECTED"),         // Rejected
            Map.entry("46733123452", "EXPIRED"),                   // Expired
            Map.entry("46733123453", STAYS_PENDING),               // Ongoing
            Map.entry("46733123454", STAYS_PENDING),               // Delayed
            Map.entry("46733123455", "NOT_ENOUGH_FUNDS"),
            Map.entry("46733123456", "PAYER_LIMIT_REACHED"),
            Map.entry("46733123457", "PAYEE_NOT_FOUND"),
            Map.entry("46733123458", "NOT_ALLOWED"),
            Map.entry("46733123459", "NOT_ALLOWED_TARGET_ENVIRONMENT"),
            Map.entry("46733123460", "INVALID_CALLBACK_URL_HOST"),
            Map.entry("46733123461", "INVALID_CURRENCY"),
            Map.entry("46733123462", "INTERNAL_PROCESSING_ERROR"),
            Map.entry("46733123463", "SERVICE_UNAVAILABLE"));

    /** The fault switches of the Disbursement side. */
    public static final class Faults {
        private final AtomicInteger failingPosts = new AtomicInteger();
        private volatile int failureStatus = 500;
        private volatile boolean acceptBeforeFailing;
        private volatile Duration postDelay = Duration.ZERO;
        private final AtomicInteger failingStatusReads = new AtomicInteger();
        private volatile int statusFailure = 500;

        /**
         * The next {@code count} transfers or refunds answer {@code status}; with {@code acceptFirst} the order is
         * taken before the error (MTN pays, the caller cannot know), else not.
         */
        public Faults failPosts(int count, int status, boolean acceptFirst) {
            this.failureStatus = status;
            this.acceptBeforeFailing = acceptFirst;
            this.failingPosts.set(count);
            return this;
        }

        /** Orders are taken at once and answered after {@code delay} (the caller's timeout fires after sending). */
        public Faults delayPosts(Duration delay) {
            this.postDelay = delay;
            return this;
        }

        /** The next {@code count} status reads answer {@code status} with an empty body. */
        public Faults failStatusReads(int count, int status) {
            this.statusFailure = status;
            this.failingStatusReads.set(count);
            return this;
        }

        public void reset() {
            failingPosts.set(0);
            failureStatus = 500;
            acceptBeforeFailing = false;
            postDelay = Duration.ZERO;
            failingStatusReads.set(0);
        }
    }

    private record Order(String reference, boolean refund, String amount, String currency, String externalId,
                         String partyIdType, String partyId, String referenceIdToRefund, String payerMessage,
                         String payeeNote, Instant createdAt, String outcome, String financialTransactionId) {
    }

    private final MtnMomoSimulator owner;
    private final MtnMomoSimulator.Settings settings;
    private final Faults faults = new Faults();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ledger = new AtomicLong(2_906_336_820L);
    private final AtomicInteger tokenRequests = new AtomicInteger();
    // guarded by 'this'
    private final Map<String, Order> transfers;
    private final Map<String, Order> refunds;
    private final Map<String, Instant> tokens;
    private final Map<String, AtomicInteger> postsPerReference;
    private final Map<String, AtomicInteger> acceptedPerExternalId;

    Disbursement(MtnMomoSimulator owner, MtnMomoSimulator.Settings settings) {
        this.owner = owner;
        this.settings = settings;
        this.transfers = MtnMomoSimulator.bounded(settings.maxEntries());
        this.refunds = MtnMomoSimulator.bounded(settings.maxEntries());
        this.tokens = MtnMomoSimulator.bounded(settings.maxEntries());
        this.postsPerReference = MtnMomoSimulator.bounded(settings.maxEntries());
        this.acceptedPerExternalId = MtnMomoSimulator.bounded(settings.maxEntries());
    }

    public Faults faults() {
        return faults;
    }

    /** How many transfers or refunds were POSTed with this reference id (taken or not). */
    public synchronized int posts(String referenceId) {
        AtomicInteger count = postsPerReference.get(referenceId.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /** How many transfers or refunds were taken (each one money sent) with this {@code externalId}. */
    public synchronized int acceptedFor(String externalId) {
        AtomicInteger count = acceptedPerExternalId.get(externalId);
        return count == null ? 0 : count.get();
    }

    /** How many Disbursement token requests arrived. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    void handle(HttpExchange exchange, String path, String method) throws IOException {
        if (path.equals(TOKEN) && method.equals("POST")) {
            token(exchange);
        } else if ((path.equals(TRANSFER) || path.equals(REFUND)) && method.equals("POST")) {
            post(exchange, path.equals(REFUND));
        } else if (path.startsWith(TRANSFER + "/") && method.equals("GET")) {
            status(exchange, path.substring(TRANSFER.length() + 1), false);
        } else if (path.startsWith(REFUND + "/") && method.equals("GET")) {
            status(exchange, path.substring(REFUND.length() + 1), true);
        } else {
            MtnMomoSimulator.send(exchange, 404, Map.of("code", "RESOURCE_NOT_FOUND", "message", "No such operation."));
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        String body = MtnMomoSimulator.readBody(exchange);
        if (!subscriptionKeyOk(exchange)) {
            deniedKey(exchange);
            return;
        }
        MtnMomoSimulator.Credentials c = settings.disbursement();
        String expected = "Basic " + Base64.getEncoder().encodeToString((c.apiUser() + ":" + c.apiKey())
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            MtnMomoSimulator.send(exchange, 401, Map.of("error", "login_failed"));
            return;
        }
        if (body == null || !body.isEmpty()) {
            MtnMomoSimulator.send(exchange, 400, Map.of("code", "REQUEST_REJECTED", "message", "The token API takes no body."));
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        synchronized (this) {
            tokens.put(token, Instant.now().plus(settings.tokenLifetime()));
        }
        MtnMomoSimulator.send(exchange, 200, Map.of("access_token", token, "token_type", "access_token",
                "expires_in", settings.tokenLifetime().toSeconds()));
    }

    private void post(HttpExchange exchange, boolean refund) throws IOException {
        String reference = exchange.getRequestHeaders().getFirst("X-Reference-Id");
        if (reference != null) {
            synchronized (this) {
                postsPerReference.computeIfAbsent(reference.toLowerCase(Locale.ROOT), r -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
        String body = MtnMomoSimulator.readBody(exchange);
        if (!authorized(exchange)) {
            return;
        }
        String error = headerError(exchange, reference);
        Map<String, Object> fields = null;
        if (error == null && body == null) {
            error = "The body is too large.";
        }
        if (error == null) {
            try {
                if (Json.parse(body) instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) map;
                    fields = typed;
                    error = bodyError(fields, refund);
                } else {
                    error = "The body must be a JSON object.";
                }
            } catch (IOException e) {
                error = "The body is not valid JSON.";
            }
        }
        if (error != null) {
            MtnMomoSimulator.send(exchange, 400, Map.of("code", "REQUEST_REJECTED", "message", error));
            return;
        }
        boolean failing = faults.failingPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (failing && !faults.acceptBeforeFailing) {
            MtnMomoSimulator.send(exchange, faults.failureStatus, Map.of("code", "INTERNAL_PROCESSING_ERROR",
                    "message", "An internal error occurred while processing."));
            return;
        }
        if (!accept(reference.toLowerCase(Locale.ROOT), fields, refund)) {
            MtnMomoSimulator.send(exchange, 409, Map.of("code", "RESOURCE_ALREADY_EXIST",
                    "message", "Duplicated reference id. Creation of resource failed."));
            return;
        }
        MtnMomoSimulator.pause(faults.postDelay);
        if (failing) {
            MtnMomoSimulator.send(exchange, faults.failureStatus, Map.of("code", "INTERNAL_PROCESSING_ERROR",
                    "message", "An internal error occurred while processing."));
            return;
        }
        MtnMomoSimulator.sendEmpty(exchange, 202);
    }

    private String headerError(HttpExchange exchange, String reference) {
        if (reference == null || !MtnMomoSimulator.UUID_V4.matcher(reference).matches()) {
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
        return null;
    }

    private String bodyError(Map<String, Object> body, boolean refund) {
        if (!(body.get("amount") instanceof String amount)) {
            return "amount must be a string.";
        }
        if (!MtnMomoSimulator.AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return "amount must be a positive number written as a string.";
        }
        if (!(body.get("currency") instanceof String currency) || !currency.equals(settings.currency())) {
            return "currency must be " + settings.currency() + " in this target environment.";
        }
        if (MtnMomoSimulator.NO_MINOR_UNIT.contains(currency) && amount.contains(".")) {
            return "amount has no decimals in " + currency + ".";
        }
        if (!(body.get("externalId") instanceof String)) {
            return "externalId must be a string.";
        }
        if (refund) {
            if (!(body.get("referenceIdToRefund") instanceof String toRefund)
                    || !MtnMomoSimulator.UUID_V4.matcher(toRefund).matches()) {
                return "referenceIdToRefund must be the X-Reference-Id (UUID version 4) of a request to pay.";
            }
        } else {
            if (!(body.get("payee") instanceof Map<?, ?> payee)) {
                return "payee must be an object.";
            }
            if (!(payee.get("partyIdType") instanceof String type)
                    || !List.of("MSISDN", "EMAIL", "PARTY_CODE").contains(type)) {
                return "payee.partyIdType must be MSISDN, EMAIL or PARTY_CODE.";
            }
            if (!(payee.get("partyId") instanceof String id) || id.isEmpty()) {
                return "payee.partyId must be a string.";
            }
            if (type.equals("MSISDN") && !MtnMomoSimulator.MSISDN.matcher(id).matches()) {
                return "payee.partyId must be the number's digits with the country code, no '+'.";
            }
        }
        for (String field : List.of("payerMessage", "payeeNote")) {
            Object value = body.get(field);
            if (value != null && !(value instanceof String)) {
                return field + " must be a string.";
            }
            if (value instanceof String text && (text.length() > MtnMomoSimulator.MAX_TEXT || text.indexOf('\'') >= 0)) {
                return field + " must be at most " + MtnMomoSimulator.MAX_TEXT + " characters, without apostrophes.";
            }
        }
        return null;
    }

    /** Records the order; false if its reference id is taken (by a transfer or a refund). */
    private boolean accept(String reference, Map<String, Object> body, boolean refund) {
        String amount = (String) body.get("amount");
        String currency = (String) body.get("currency");
        String type = null;
        String id = null;
        String toRefund = null;
        if (refund) {
            toRefund = ((String) body.get("referenceIdToRefund")).toLowerCase(Locale.ROOT);
        } else {
            @SuppressWarnings("unchecked") Map<String, Object> payee = (Map<String, Object>) body.get("payee");
            type = (String) payee.get("partyIdType");
            id = (String) payee.get("partyId");
        }
        synchronized (this) {
            if (transfers.containsKey(reference) || refunds.containsKey(reference)) {
                return false;
            }
            String outcome = refund ? refundOutcome(toRefund, amount, currency)
                    : "MSISDN".equals(type) ? TRANSFER_REASONS.get(id) : null;
            Order order = new Order(reference, refund, amount, currency, (String) body.get("externalId"), type, id,
                    toRefund, (String) body.get("payerMessage"), (String) body.get("payeeNote"), Instant.now(),
                    outcome, Long.toString(ledger.incrementAndGet()));
            (refund ? refunds : transfers).put(reference, order);
            acceptedPerExternalId.computeIfAbsent(order.externalId(), e -> new AtomicInteger()).incrementAndGet();
        }
        return true;
    }

    /** Why a refund fails (null: it succeeds), decided when it is taken; called holding the lock. */
    private String refundOutcome(String toRefund, String amount, String currency) {
        Optional<String[]> collected = owner.collected(toRefund);
        if (collected.isEmpty()) {
            return "TRANSACTION_NOT_FOUND";
        }
        String[] c = collected.get();
        if (!"SUCCESSFUL".equals(c[0]) || !c[2].equals(currency)) {
            return "NOT_ALLOWED";
        }
        BigDecimal taken = refunds.values().stream()
                .filter(r -> toRefund.equals(r.referenceIdToRefund()) && r.outcome() == null)
                .map(r -> new BigDecimal(r.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
        return taken.add(new BigDecimal(amount)).compareTo(new BigDecimal(c[1])) > 0 ? "NOT_ALLOWED" : null;
    }

    private void status(HttpExchange exchange, String reference, boolean refund) throws IOException {
        MtnMomoSimulator.readBody(exchange);
        if (!authorized(exchange)) {
            return;
        }
        String environment = exchange.getRequestHeaders().getFirst("X-Target-Environment");
        if (environment == null || !environment.equals(settings.targetEnvironment())) {
            MtnMomoSimulator.send(exchange, 400, Map.of("code", "REQUEST_REJECTED",
                    "message", "X-Target-Environment must be " + settings.targetEnvironment() + "."));
            return;
        }
        if (faults.failingStatusReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.sendResponseHeaders(faults.statusFailure, -1);
            return;
        }
        Order order;
        synchronized (this) {
            order = (refund ? refunds : transfers).get(reference.toLowerCase(Locale.ROOT));
        }
        if (order == null) {
            MtnMomoSimulator.send(exchange, 404, Map.of("code", "RESOURCE_NOT_FOUND", "message",
                    "Requested resource was not found."));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", order.amount());
        body.put("currency", order.currency());
        body.put("externalId", order.externalId());
        if (!refund) {
            body.put("payee", Map.of("partyIdType", order.partyIdType(), "partyId", order.partyId()));
        }
        if (order.payerMessage() != null) {
            body.put("payerMessage", order.payerMessage());
        }
        if (order.payeeNote() != null) {
            body.put("payeeNote", order.payeeNote());
        }
        boolean decided = !Instant.now().isBefore(order.createdAt().plus(settings.payerDelay()));
        if (!decided || STAYS_PENDING.equals(order.outcome())) {
            body.put("status", "PENDING");
        } else if (order.outcome() == null) {
            body.put("financialTransactionId", order.financialTransactionId());
            body.put("status", "SUCCESSFUL");
        } else {
            body.put("status", "FAILED");
            body.put("reason", order.outcome());
        }
        MtnMomoSimulator.send(exchange, 200, body);
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (!subscriptionKeyOk(exchange)) {
            deniedKey(exchange);
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
            MtnMomoSimulator.send(exchange, 401, Map.of("code", "UNAUTHORIZED", "message",
                    expiry == null ? "Missing or unknown access token." : "The access token has expired."));
            return false;
        }
        return true;
    }

    private boolean subscriptionKeyOk(HttpExchange exchange) {
        return settings.disbursement().subscriptionKey()
                .equals(exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
    }

    private static void deniedKey(HttpExchange exchange) throws IOException {
        MtnMomoSimulator.send(exchange, 401, Map.of("statusCode", 401, "message",
                "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."));
    }
}
