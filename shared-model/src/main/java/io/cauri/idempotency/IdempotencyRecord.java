package io.cauri.idempotency;

import io.cauri.merchant.Mode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What is kept for one {@code Idempotency-Key} of one merchant in one mode: the request's fingerprint,
 * then — once the first request succeeded — its response, to replay for 24 hours.
 *
 * <p>{@code intentId} is set for a key sent with an intent's client token: a payer's keys live in that intent's
 * own key space, so a payer can never take (and block for 24 hours) a key the merchant will use.
 *
 * <p>{@code IN_PROGRESS} is a claim: {@code claimId} is the claimant's own random id, so only it can complete
 * or release the claim. A claim is held until {@code lockedUntil}, which outlives any run of a function: a
 * claim still there after that belongs to a request that died (timeout, crash, a release that failed) and
 * may be taken over. {@code COMPLETED} records have no lock. Times are whole epoch seconds, as stored
 * ({@code expiresAt} is the table's TTL attribute).
 */
public record IdempotencyRecord(String merchantId, Mode mode, String intentId, String key, String fingerprint,
                                State state, String claimId, Instant createdAt, Instant lockedUntil,
                                Instant expiresAt, StoredResponse response) {

    public enum State { IN_PROGRESS, COMPLETED }

    /**
     * A response as it was sent: status, the JSON body's exact text ({@code null} for none) and the headers
     * that belong to it ({@code Content-Type}, {@code Location}).
     */
    public record StoredResponse(int status, String body, Map<String, String> headers) {
        public StoredResponse {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    public IdempotencyRecord {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (state == State.IN_PROGRESS && (lockedUntil == null || response != null)) {
            throw new IllegalArgumentException("a claim has a lock and no response");
        }
        if (state == State.COMPLETED && (lockedUntil != null || response == null)) {
            throw new IllegalArgumentException("a completed record has a response and no lock");
        }
    }

    /** A new claim of a merchant's key, made at {@code now}: held for {@code lockFor}, kept for {@code keepFor}. */
    public static IdempotencyRecord claim(String merchantId, Mode mode, String key, String fingerprint, String claimId,
                                          Instant now, Duration lockFor, Duration keepFor) {
        return claim(merchantId, mode, null, key, fingerprint, claimId, now, lockFor, keepFor);
    }

    /** A new claim in one intent's key space ({@code intentId}), or the merchant's (null). */
    public static IdempotencyRecord claim(String merchantId, Mode mode, String intentId, String key, String fingerprint,
                                          String claimId, Instant now, Duration lockFor, Duration keepFor) {
        Instant second = Instant.ofEpochSecond(now.getEpochSecond());
        return new IdempotencyRecord(merchantId, mode, intentId, key, fingerprint, State.IN_PROGRESS, claimId, second,
                second.plus(lockFor), second.plus(keepFor), null);
    }

    /** This claim, done: the response to replay, kept until the same {@code expiresAt}. */
    public IdempotencyRecord completed(StoredResponse sent) {
        if (state != State.IN_PROGRESS) {
            throw new IllegalStateException("only a claim can be completed");
        }
        return new IdempotencyRecord(merchantId, mode, intentId, key, fingerprint, State.COMPLETED, claimId, createdAt,
                null, expiresAt, Objects.requireNonNull(sent, "sent"));
    }

    /** Past its 24 hours: counts as absent, whether or not DynamoDB's TTL has deleted it yet. */
    public boolean isExpired(Instant now) {
        return expiresAt.getEpochSecond() < now.getEpochSecond();
    }

    /** A claim whose claimant is gone (its lock ran out): counts as absent too. */
    public boolean isAbandoned(Instant now) {
        return state == State.IN_PROGRESS && lockedUntil.getEpochSecond() < now.getEpochSecond();
    }

    /** Whether this record still holds its key at {@code now}, so that a new claim must fail. */
    public boolean holdsKey(Instant now) {
        return !isExpired(now) && !isAbandoned(now);
    }
}
