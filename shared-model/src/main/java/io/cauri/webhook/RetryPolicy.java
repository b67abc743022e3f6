package io.cauri.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * When to retry a failed delivery (HUB2): the first retry {@code firstDelay} after the first attempt (60 s),
 * then each wait {@code multiplier} times the previous (2), {@code maxAttempts} attempts in all (10). Per
 * endpoint and per event: one endpoint's failures never hold back another's deliveries. Configured
 * ({@code cauri.webhooks.retry.*}) so tests can shorten it.
 */
@Singleton
public class RetryPolicy {
    private final Duration firstDelay;
    private final double multiplier;
    private final int maxAttempts;

    public RetryPolicy(@Value("${cauri.webhooks.retry.first-delay:60s}") Duration firstDelay,
                       @Value("${cauri.webhooks.retry.multiplier:2}") double multiplier,
                       @Value("${cauri.webhooks.retry.max-attempts:10}") int maxAttempts) {
        if (firstDelay.isNegative() || multiplier < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy: delay >= 0, multiplier >= 1, attempts >= 1");
        }
        this.firstDelay = firstDelay;
        this.multiplier = multiplier;
        this.maxAttempts = maxAttempts;
    }

    public static RetryPolicy hub2() {
        return new RetryPolicy(Duration.ofSeconds(60), 2, 10);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean hasAttemptAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The wait between attempt {@code attemptsMade} (1-based) and the next one. */
    public Duration delayAfter(int attemptsMade) {
        double millis = firstDelay.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        return Duration.ofMillis((long) Math.min(millis, Duration.ofDays(2).toMillis()));
    }
}
