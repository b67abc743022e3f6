package io.cauri.ratelimit;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * What the limiter decided for one request: the rule, the count in its window after this request, and when
 * the window (or ban) ends. A request the rules do not limit has no rule.
 */
public record RateLimitDecision(@Nullable RateLimitRule rule, @Nullable String windowKey, long hits,
                                Instant now, Instant resetAt, boolean banned) {

    static RateLimitDecision unlimited(Instant now) {
        return new RateLimitDecision(null, null, 0, now, now, false);
    }

    public boolean limited() {
        return rule != null;
    }

    public boolean allowed() {
        return rule == null || (!banned && hits <= rule.limit());
    }

    public long remaining() {
        return rule == null ? 0 : Math.max(0, rule.limit() - hits);
    }

    /** Whole seconds until the window (or the ban) ends, at least 1. */
    public long resetSeconds() {
        long millis = Duration.between(now, resetAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
