package io.cauri.simulator.wave;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wave's Payout API in the simulator (docs/PROVIDERS.md §2.8): {@code POST /v1/payout} (an {@code Idempotency-Key}
 * header required; {@code currency}, {@code receive_amount} a string, {@code mobile} in E.164, optional
 * {@code name}, {@code national_id}, {@code payment_reason} ≤ 40, {@code client_reference}, {@code
 * aggregated_merchant_id}; any other field refused), {@code GET /v1/payout/:id}, {@code GET
 * /v1/payouts/search?client_reference=…} ({@code {"result": [...]}}) and {@code POST /v1/payout/:id/reverse}.
 *
 * <p>The same key with the same body answers the same payout (its state now) and creates nothing; the same key with
 * another body is 409 {@code idempotency-mismatch} (the simulator's choice: Wave documents the header, not the
 * conflict). A payout is {@code processing} for {@link #payoutDelay}, then {@code succeeded}, or {@code failed}
 * with {@code payout_error} by the recipient's number ({@link #FAILURES}, the simulator's own: Wave has no sandbox);
 * {@link #STAYS_PROCESSING} never settles. A succeeded payout may be reversed (within 3 days): status
 * {@code reversed}.
 */
public final class WavePayouts {
    /** The recipient numbers whose payouts fail, with their {@code payout_error.error_code}. */
    public static final Map<String, String> FAILURES = Map.of(
            "+221700000001", "insufficient-funds",
            "+221700000002", "recipient-limit-exceeded",
            "+221700000003", "recipient-account-blocked",
            "+221700000004", "recipient-account-inactive",
            "+221700000005", "recipient-minor",
            "+221700000006", "country-mismatch",
            "+221700000007", "currency-mismatch");
    /** A recipient whose payout stays {@code processing}. */
    public static final String STAYS_PROCESSING = "+221700000009";

    private static final Set<String> FIELDS = Set.of("currency", "receive_amount", "mobile", "name", "national_id",
            "payment_reason", "client_reference", "aggregated_merchant_id");

    private static final class Payout {
        final String id;
        final String key;
        final String bodyHash;
        final Map<String, Object> request;
        final Instant created;
        boolean reversed;

        Payout(String id, String key, String bodyHash, Map<String, Object> request, Instant created) {
            this.id = id;
            this.key = key;
            this.bodyHash = bodyHash;
            this.request = request;
            this.created = created;
        }
    }

    private final WaveSimulator owner;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Payout> byId;
    private final LinkedHashMap<String, Payout> byKey;
    private final LinkedHashMap<String, int[]> perReference; // client_reference -> {requests, payouts created}
    private final AtomicInteger failBefore = new AtomicInteger();
    private final AtomicInteger failAfter = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();
    private volatile Duration slowDelay = Duration.ZERO;
    private volatile int faultStatus = 500;
    private volatile Duration payoutDelay = Duration.ZERO;

    WavePayouts(WaveSimulator owner, int max) {
        this.owner = owner;
        this.byId = bounded(max);
        this.byKey = bounded(max);
        this.perReference = bounded(max);
    }

    /** How long a payout stays {@code processing} before its outcome (0: decided at once). */
    public WavePayouts payoutDelay(Duration delay) {
        this.payoutDelay = delay;
        return this;
    }

    /** The next {@code count} payout requests answer {@code status} without creating anything. */
    public void failNextBeforeCreating(int count, int status) {
        faultStatus = status;
        failBefore.set(count);
    }

    /** The next {@code count} payout requests create the payout, then answer {@code status}. */
    public void failNextAfterCreating(int count, int status) {
        faultStatus = status;
        failAfter.set(count);
    }

    /** The next {@code count} payout requests create the payout, then wait {@code delay} before answering. */
    public void delayNext(int count, Duration delay) {
        slowDelay = delay;
        slow.set(count);
    }

    /** Payout requests received (past authentication) naming this {@code client_reference}. */
    public int requests(String clientReference) {
        synchronized (lock) {
            int[] c = perReference.get(clientReference);
            return c == null ? 0 : c[0];
        }
    }

    /** Payouts created for this {@code client_reference}: more than one means a recipient paid twice. */
    public int created(String clientReference) {
        synchronized (lock) {
            int[] c = perReference.get(clientReference);
            return c == null ? 0 : c[1];
        }
    }

    /** The business reverses a payout (what {@code POST /v1/payout/:id/reverse} does). */
    public boolean reverse(String payoutId) {
        synchronized (lock) {
            Payout payout = byId.get(payoutId);
            if (payout == null || !"succeeded".equals(status(payout)) || owner.now().isAfter(payout.created.plus(Duration.ofDays(3)))) {
                return false;
            }
            payout.reversed = true;
            return true;
        }
    }

    void handle(HttpExchange exchange, String path, String method, byte[] body) throws IOException {
        if (path.equals("/v1/payout") && method.equals("POST")) {
            create(exchange, body);
        } else if (path.equals("/v1/payouts/search") && method.equals("GET")) {
            String reference = WaveSimulator.query(exchange).get("client_reference");
            List<Map<String, Object>> found;
            synchronized (lock) {
                found = byId.values().stream().filter(p -> reference != null
                        && reference.equals(p.request.get("client_reference"))).map(this::toJson).toList();
            }
            WaveSimulator.json(exchange, 200, Map.of("result", found));
        } else if (path.startsWith("/v1/payout/") && path.endsWith("/reverse") && method.equals("POST")) {
            String id = path.substring("/v1/payout/".length(), path.length() - "/reverse".length());
            if (reverse(id)) {
                Map<String, Object> answer;
                synchronized (lock) {
                    answer = toJson(byId.get(id));
                }
                WaveSimulator.json(exchange, 200, answer);
            } else {
                WaveSimulator.error(exchange, new WaveSimulator.Refusal(400, "payout-not-reversible",
                        "Only a succeeded payout younger than 3 days can be reversed."));
            }
        } else if (path.startsWith("/v1/payout/") && method.equals("GET")) {
            Map<String, Object> answer;
            synchronized (lock) {
                Payout payout = byId.get(path.substring("/v1/payout/".length()));
                answer = payout == null ? null : toJson(payout);
            }
            if (answer == null) {
                WaveSimulator.error(exchange, new WaveSimulator.Refusal(404, "payout-not-found", "Payout not found."));
            } else {
                WaveSimulator.json(exchange, 200, answer);
            }
        } else {
            WaveSimulator.error(exchange, new WaveSimulator.Refusal(404, "not-found", "No such endpoint."));
        }
    }

    private void create(HttpExchange exchange, byte[] body) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            WaveSimulator.error(exchange, invalid("The request body must be sent as application/json."));
            return;
        }
        Map<String, Object> request;
        try {
            request = Json.object(body);
        } catch (Json.MalformedJson e) {
            WaveSimulator.error(exchange, invalid(e.getMessage()));
            return;
        }
        if (request.get("client_reference") instanceof String reference) {
            synchronized (lock) {
                perReference.computeIfAbsent(reference, r -> new int[2])[0]++;
            }
        }
        if (key == null || key.isBlank() || key.length() > 255) {
            WaveSimulator.error(exchange, invalid("An Idempotency-Key header is required."));
            return;
        }
        String problem = validate(request);
        if (problem != null) {
            WaveSimulator.error(exchange, invalid(problem));
            return;
        }
        if (WaveSimulator.takeOne(failBefore)) {
            WaveSimulator.error(exchange, new WaveSimulator.Refusal(faultStatus, "internal-server-error",
                    "Internal server error."));
            return;
        }
        String hash = sha256(body);
        Map<String, Object> answer;
        synchronized (lock) {
            Payout earlier = byKey.get(key);
            if (earlier != null && !earlier.bodyHash.equals(hash)) {
                answer = null;
            } else if (earlier != null) {
                answer = toJson(earlier);
            } else {
                Payout payout = new Payout("pt-" + owner.randomId(14), key, hash, request, owner.now());
                byId.put(payout.id, payout);
                byKey.put(key, payout);
                if (request.get("client_reference") instanceof String reference) {
                    perReference.computeIfAbsent(reference, r -> new int[2])[1]++;
                }
                answer = toJson(payout);
            }
        }
        if (answer == null) {
            WaveSimulator.error(exchange, new WaveSimulator.Refusal(409, "idempotency-mismatch",
                    "This Idempotency-Key was used with another request body."));
            return;
        }
        if (WaveSimulator.takeOne(failAfter)) {
            WaveSimulator.error(exchange, new WaveSimulator.Refusal(faultStatus, "internal-server-error",
                    "Internal server error."));
            return;
        }
        if (WaveSimulator.takeOne(slow)) {
            WaveSimulator.sleep(slowDelay);
        }
        WaveSimulator.json(exchange, 200, answer);
    }

    private static String validate(Map<String, Object> request) {
        for (String field : request.keySet()) {
            if (!FIELDS.contains(field)) {
                return "Unknown field: " + field + ".";
            }
        }
        if (!"XOF".equals(request.get("currency"))) {
            return "currency must be XOF.";
        }
        if (!(request.get("receive_amount") instanceof String amount) || !WaveSimulator.XOF_AMOUNT.matcher(amount).matches()) {
            return "receive_amount must be a string of digits (XOF has no decimals).";
        }
        if (!(request.get("mobile") instanceof String mobile) || !WaveSimulator.E164.matcher(mobile).matches()) {
            return "mobile must be an E.164 number (+221...).";
        }
        for (String field : List.of("name", "national_id", "client_reference", "aggregated_merchant_id")) {
            Object value = request.get(field);
            if (value != null && (!(value instanceof String s) || s.length() > 255)) {
                return field + " must be a string of at most 255 characters.";
            }
        }
        Object reason = request.get("payment_reason");
        if (reason != null && (!(reason instanceof String s) || s.length() > 40)) {
            return "payment_reason must be a string of at most 40 characters.";
        }
        return null;
    }

    /** Called holding the lock. */
    private String status(Payout payout) {
        String mobile = (String) payout.request.get("mobile");
        if (STAYS_PROCESSING.equals(mobile) || owner.now().isBefore(payout.created.plus(payoutDelay))) {
            return "processing";
        }
        if (FAILURES.containsKey(mobile)) {
            return "failed";
        }
        return payout.reversed ? "reversed" : "succeeded";
    }

    /** Called holding the lock. */
    private Map<String, Object> toJson(Payout payout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", payout.id);
        m.put("currency", payout.request.get("currency"));
        m.put("receive_amount", payout.request.get("receive_amount"));
        long amount = Long.parseLong((String) payout.request.get("receive_amount"));
        m.put("fee", Long.toString((amount + 99) / 100)); // 1 %, rounded up: the simulator's figure
        m.put("mobile", payout.request.get("mobile"));
        m.put("name", payout.request.get("name"));
        m.put("national_id", payout.request.get("national_id"));
        m.put("payment_reason", payout.request.get("payment_reason"));
        m.put("client_reference", payout.request.get("client_reference"));
        m.put("aggregated_merchant_id", payout.request.get("aggregated_merchant_id"));
        String status = status(payout);
        m.put("status", status);
        m.put("timestamp", payout.created.toString());
        String failure = "failed".equals(status) ? FAILURES.get((String) payout.request.get("mobile")) : null;
        m.put("payout_error", failure == null ? null
                : new LinkedHashMap<>(Map.of("error_code", failure, "error_message", "The payout failed: " + failure + ".")));
        return m;
    }

    private static WaveSimulator.Refusal invalid(String message) {
        return new WaveSimulator.Refusal(400, "request-validation-error", message);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static <V> LinkedHashMap<String, V> bounded(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
