package io.cauri.web.idempotency;

import io.cauri.idempotency.IdempotencyRecord;
import io.cauri.idempotency.IdempotencyStore;
import io.cauri.merchant.Caller;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorResponses;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST routes, with Stripe's semantics (docs/CONTRACT.md §1). A controller authenticates,
 * then hands its whole operation to {@link #run}:
 * <pre>{@code
 * Caller caller = callers.server(request);               // 401 before anything
 * return idempotent.run(request, caller, () -> {         // 400/409/422 or a replay, before any domain work
 *     var input = parse(request);                        // a 400 here releases the key
 *     return HttpResponse.created(represent(service.create(caller, input)));
 * });
 * }</pre>
 * Without the header the operation just runs. With it, the key is scoped to the caller's merchant and mode
 * (a client-token caller's are its intent's) and the request fingerprinted (SHA-256 of method, path and
 * raw body); then:
 * <ul>
 *   <li>a new key is claimed (one conditional write) and the operation runs. A 2xx or 402 answer is kept
 *       for 24 hours — status, the JSON body exactly as sent, {@code Content-Type} and {@code Location};
 *       a 4xx answer (or exception) releases the key, so the client may retry it with corrected input; a 5xx
 *       keeps the claim until its lock runs out, since the operation may have been done (a write whose answer
 *       was lost): a retry meanwhile gets 409, never a second execution racing the first one's effects;</li>
 *   <li>the same key and request again, within 24 hours: the kept answer, byte for byte, with
 *       {@code Idempotent-Replayed: true}, and no domain work;</li>
 *   <li>the same key with another request: 422 {@code idempotency_key_reused};</li>
 *   <li>the same key while its first request is still running: 409 {@code idempotency_key_in_use}.</li>
 * </ul>
 * So that the first answer and its replays are the same bytes, the kept body is serialised here with
 * Micronaut's {@link JsonMapper} and sent as bytes, the first time too.
 */
@Singleton
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    /** How long a key and its answer are kept (docs/CONTRACT.md §1). */
    public static final Duration RETENTION = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final String[] KEPT_HEADERS = {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION};

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lockTimeout;

    /**
     * @param lockTimeout how long a claim blocks its key if its request never completes nor releases it
     *                    (the function died, the release failed, or it answered 5xx). Must exceed the functions'
     *                    Timeout (30 s in template.yaml), so that a running request is never taken over; and the
     *                    time a payment attempt that answered 5xx takes to be reconciled — the provider window
     *                    (2 min) plus the expiry sweep's period (5 min) — so that a retry of it cannot run a second
     *                    attempt (a second charge) before the first one's outcome is known. Hence 10 min.
     */
    public IdempotentRequests(IdempotencyStore store, JsonMapper json, Clock clock,
                              @Value("${cauri.idempotency.lock-timeout:10m}") Duration lockTimeout) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.lockTimeout = lockTimeout;
    }

    public HttpResponse<?> run(HttpRequest<?> request, Caller caller, Supplier<? extends HttpResponse<?>> operation) {
        return run(request, caller, AS_SENT, operation);
    }

    /**
     * How a kept answer's body is stored: as sent, or — for an answer that carries a secret (a webhook endpoint's
     * signing secret) — sealed, and opened again to replay it. Each method gets the record of the key, so a
     * sealed body can be bound to its merchant, mode and key.
     */
    public interface KeptBody {
        String keep(IdempotencyRecord record, String body);

        String restore(IdempotencyRecord record, String kept);
    }

    /** Bodies kept as sent (no secret in them). */
    public static final KeptBody AS_SENT = new KeptBody() {
        @Override
        public String keep(IdempotencyRecord record, String body) {
            return body;
        }

        @Override
        public String restore(IdempotencyRecord record, String kept) {
            return kept;
        }
    };

    /** {@link #run(HttpRequest, Caller, Supplier)}, with the kept body stored as {@code kept} says. */
    public HttpResponse<?> run(HttpRequest<?> request, Caller caller, KeptBody kept,
                               Supplier<? extends HttpResponse<?>> operation) {
        String key = request.getHeaders().get(HEADER);
        if (key == null) {
            return operation.get();
        }
        checkKey(key);
        Instant now = clock.instant();
        // a client token's keys are its intent's own: a payer cannot take a key of the merchant's
        IdempotencyRecord claim = IdempotencyRecord.claim(caller.merchantId(), caller.mode(), caller.intentId(), key,
                fingerprint(request), UUID.randomUUID().toString(), now, lockTimeout, RETENTION);
        Optional<IdempotencyRecord> holder = store.claim(claim, now);
        if (holder.isPresent()) {
            return answerFrom(holder.get(), claim.fingerprint(), kept);
        }

        HttpResponse<?> response;
        try {
            response = operation.get();
        } catch (RuntimeException | Error failure) {
            // a body the adapter could not hand over (none at all) is answered 400 like any unreadable body
            if (failure instanceof Error || (!isEmptyBody(failure) && ErrorResponses.toApiException(failure).status() >= 500)) {
                keepLocked(claim, caller); // the operation started and its effect is unknown
            } else {
                release(claim); // a refused request did nothing: the client may correct it and retry the key
            }
            throw failure;  // answered as usual (FailureHandler → ErrorResponses)
        }
        if (!isKept(response.code())) {
            if (response.code() >= 500) {
                keepLocked(claim, caller);
            } else {
                release(claim);
            }
            return response;
        }
        IdempotencyRecord.StoredResponse sent = serialise(response);
        try {
            IdempotencyRecord.StoredResponse stored = sent.body() == null ? sent
                    : new IdempotencyRecord.StoredResponse(sent.status(), kept.keep(claim, sent.body()), sent.headers());
            if (!store.complete(claim.completed(stored))) {
                LOG.warn("idempotency claim of merchant {} was taken over before it completed", caller.merchantId());
            }
        } catch (RuntimeException storeDown) {
            // The operation happened: its answer must still reach the client. The claim stays until its lock
            // runs out: a retry meanwhile gets 409, one after that runs again (the price of never blocking a
            // key for 24 h on a storage hiccup).
            LOG.error("idempotency record of merchant {} not completed: {}", caller.merchantId(),
                    ErrorResponses.describe(storeDown)); // never a stack trace in a log line
        }
        return send(sent, response, false);
    }

    /** 2xx, and 402 (a valid request whose payment failed): what Stripe keeps. */
    static boolean isKept(int status) {
        return (status >= 200 && status < 300) || status == 402;
    }

    static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ApiException.invalid(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters.");
        }
    }

    /** SHA-256 (hex) of method, path and raw body: the same key must come with the same request. */
    public static String fingerprint(HttpRequest<?> request) {
        String body;
        try {
            body = request.getBody(String.class).orElse("");
        } catch (RuntimeException unreadable) {
            if (isEmptyBody(unreadable)) {
                return fingerprint(request.getMethodName(), request.getPath(), ""); // a POST without a body
            }
            // A body Micronaut cannot hand over as text (e.g. JSON nested past the parser's limits, on a route
            // that reads no body itself): the request is bad, never a 500.
            throw ApiException.of(Refusal.INVALID_JSON, "The request body could not be read.", null);
        }
        return fingerprint(request.getMethodName(), request.getPath(), body);
    }

    /**
     * The Lambda adapter refuses to decode a request that has no body at all (API Gateway's {@code body: null}),
     * which is how a body-less POST (a rotation, a cancellation) arrives: that is an empty body, not a bad one.
     */
    private static boolean isEmptyBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("EmptyBodyException")) {
                return true;
            }
        }
        return false;
    }

    public static String fingerprint(String method, String path, String rawBody) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(rawBody.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    private HttpResponse<?> answerFrom(IdempotencyRecord holder, String fingerprint, KeptBody kept) {
        if (!holder.fingerprint().equals(fingerprint)) {
            throw ApiException.of(Refusal.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used "
                    + "with different parameters (method, path or body); use a new key for a new request.", HEADER);
        }
        if (holder.state() == IdempotencyRecord.State.IN_PROGRESS) {
            throw ApiException.of(Refusal.IDEMPOTENCY_KEY_IN_USE, "A request with this Idempotency-Key is "
                    + "still being processed; retry after it has completed.", HEADER);
        }
        IdempotencyRecord.StoredResponse stored = holder.response();
        return send(stored.body() == null ? stored : new IdempotencyRecord.StoredResponse(stored.status(),
                kept.restore(holder, stored.body()), stored.headers()), null, true);
    }

    /**
     * A 5xx after the operation started: its effect is unknown (a write may have landed though its answer was
     * lost), so the claim is not released. Like Stripe, which keeps a result once execution started, no second
     * run races the first one's effects; unlike a kept answer, the claim ends with its lock, so a storage hiccup
     * does not block the key for 24 hours.
     */
    private static void keepLocked(IdempotencyRecord claim, Caller caller) {
        LOG.warn("idempotency claim of merchant {} kept until {}: the request failed after it started",
                caller.merchantId(), claim.lockedUntil());
    }

    private void release(IdempotencyRecord claim) {
        try {
            if (!store.release(claim)) {
                LOG.warn("idempotency claim of merchant {} was taken over before it was released", claim.merchantId());
            }
        } catch (RuntimeException storeDown) {
            // The claim blocks the key until its lock runs out; the original failure is what the client gets.
            LOG.error("idempotency claim of merchant {} not released: {}", claim.merchantId(),
                    ErrorResponses.describe(storeDown));
        }
    }

    private IdempotencyRecord.StoredResponse serialise(HttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        Optional<?> body = response.getBody();
        String text = null;
        if (body.isPresent()) {
            try {
                text = body.get() instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.UTF_8)
                        : new String(json.writeValueAsBytes(body.get()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("response body not serialisable", e);
            }
            headers.putIfAbsent(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        return new IdempotencyRecord.StoredResponse(response.code(), text, headers);
    }

    /**
     * The kept answer as bytes (a String body could be quoted again as a JSON string); the first time
     * with the operation's other headers, on replay with {@code Idempotent-Replayed: true}.
     */
    private static HttpResponse<?> send(IdempotencyRecord.StoredResponse sent, HttpResponse<?> original,
                                        boolean replayed) {
        MutableHttpResponse<Object> out = HttpResponse.status(HttpStatus.valueOf(sent.status()));
        if (original != null) {
            original.getHeaders().forEach((name, values) -> values.forEach(v -> out.getHeaders().add(name, v)));
        }
        sent.headers().forEach((name, value) -> out.getHeaders().set(name, value));
        if (sent.body() != null) {
            out.body(sent.body().getBytes(StandardCharsets.UTF_8));
        }
        if (replayed) {
            out.header(REPLAYED_HEADER, "true");
        }
        return out;
    }
}
