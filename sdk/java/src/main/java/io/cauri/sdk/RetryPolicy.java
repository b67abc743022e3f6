package io.cauri.sdk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the SDK tries a request again: on {@code 429} (the API's rate limits: nothing was done) for any request; on
 * {@code 503} (a provider or store briefly unavailable) and on a failed or timed-out connection only for an
 * idempotent method (GET, HEAD, PUT, DELETE, OPTIONS); for a POST also on a refused connection (nothing was sent).
 * A POST answered {@code 503} may have taken effect and its {@code Idempotency-Key} stays locked on the API for a
 * while (a repeat gets {@code 409 idempotency_key_in_use}): the {@code 503} goes to the caller, who reads the object.
 * At most {@code maxAttempts} tries in all. The wait before try n+1 is the server's {@code Retry-After} when it sent
 * one (seconds or an HTTP date, README "Rate limits"), else exponential backoff with full jitter: a random time in
 * [0, min(maxDelay, baseDelay * 2^(n-1))]. A {@code Retry-After} longer than {@code maxRetryAfter} is not waited
 * for: the 429/503 is returned to the caller, who can decide.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
    /** One try, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay == null || maxDelay == null || maxRetryAfter == null
                || baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must be zero or positive");
        }
    }

    /**
     * The statuses worth another try: the same request may succeed a moment later. {@code 503} only for an
     * idempotent method ({@code idempotentMethod}): a POST's 503 is the caller's to resolve by reading the object.
     */
    public static boolean retryableStatus(int status, boolean idempotentMethod) {
        return status == 429 || (status == 503 && idempotentMethod);
    }

    /** Backoff before the try after {@code attempt} (1 = the first try failed), without a {@code Retry-After}. */
    public Duration backoff(int attempt) {
        long capMillis = maxDelay.toMillis();
        long exp = baseDelay.toMillis() << Math.min(attempt - 1, 30);
        long bound = Math.min(capMillis, exp < 0 ? capMillis : exp);
        return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * A {@code Retry-After} value as a wait from {@code now}: delta-seconds or an HTTP date (RFC 9110 §10.2.3);
     * a date in the past is no wait; anything unreadable is empty (then the backoff applies).
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
