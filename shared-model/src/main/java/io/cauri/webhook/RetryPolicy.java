package io.cauri.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * When to retry a failed delivery: the first retry {@code firstDelay} after the first attempt (60 s), then each
 * wait {@code multiplier} times the previous (2), never more than {@code maxDelay} (12 h), {@code maxAttempts}
 * attempts in all (16): the last attempt comes more than 3 days after the first (the table in README.md), so an
 * endpoint down for a weekend loses nothing. Each wait is lengthened by a jitter of up to {@code jitter} (20 %)
 * of itself, so the retries of many deliveries that failed together (an endpoint's outage) do not all come back
 * in the same second; jitter only adds, so the schedule never ends before those 3 days. The jitter is derived
 * from the delivery (event id, endpoint id, attempt), not drawn at random: a copy of a message schedules the
 * same time, and a test knows it. Per endpoint and per event: one endpoint's failures never hold back another's
 * deliveries. Configured ({@code cauri.webhooks.retry.*}) so tests can shorten it.
 */
@Singleton
public class RetryPolicy {
    private final Duration firstDelay;
    private final double multiplier;
    private final int maxAttempts;
    private final Duration maxDelay;
    private final double jitter;

    public RetryPolicy(@Value("${cauri.webhooks.retry.first-delay:60s}") Duration firstDelay,
                       @Value("${cauri.webhooks.retry.multiplier:2}") double multiplier,
                       @Value("${cauri.webhooks.retry.max-attempts:16}") int maxAttempts,
                       @Value("${cauri.webhooks.retry.max-delay:12h}") Duration maxDelay,
                       @Value("${cauri.webhooks.retry.jitter:0.2}") double jitter) {
        if (firstDelay.isNegative() || multiplier < 1 || maxAttempts < 1 || maxDelay.isNegative()
                || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException(
                    "retry policy: delay >= 0, multiplier >= 1, attempts >= 1, max delay >= 0, 0 <= jitter <= 1");
        }
        this.firstDelay = firstDelay;
        this.multiplier = multiplier;
        this.maxAttempts = maxAttempts;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
    }

    /** Without a cap or jitter (tests that count exact waits). */
    public RetryPolicy(Duration firstDelay, double multiplier, int maxAttempts) {
        this(firstDelay, multiplier, maxAttempts, Duration.ofDays(2), 0);
    }

    /** The deployed schedule: 60 s doubling up to 12 h, 16 attempts, +0–20 % jitter. */
    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(60), 2, 16, Duration.ofHours(12), 0.2);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean hasAttemptAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The wait between attempt {@code attemptsMade} (1-based) and the next one, before jitter. */
    public Duration delayAfter(int attemptsMade) {
        double millis = firstDelay.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * The wait between attempt {@code attemptsMade} of one delivery and the next one, with its jitter: the base
     * wait times {@code 1 + jitter × u}, {@code u} in [0, 1) taken from a hash of the delivery and the attempt.
     */
    public Duration delayAfter(int attemptsMade, String eventId, String endpointId) {
        Duration base = delayAfter(attemptsMade);
        return base.plusMillis((long) (base.toMillis() * jitter * unit(eventId + "/" + endpointId + "/" + attemptsMade)));
    }

    /** A number in [0, 1) from the first 53 bits of SHA-256 of {@code seed}. */
    static double unit(String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            return (bits >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
