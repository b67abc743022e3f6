package io.cauri.web.guard;

import io.cauri.intent.IntentStatus;
import io.cauri.ratelimit.RateLimitDecision;
import io.cauri.ratelimit.RateLimiter;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * HUB2: polling an intent that is {@code payment_required}, {@code successful} or {@code canceled} (nothing
 * will change soon, or ever) past the route's limit bans the source IP from that route. The retrieve routes
 * report the status they read here; only the request that reaches the limit costs a write (see
 * {@link RateLimiter}).
 */
@Singleton
public class PollingBans {
    private static final Set<IntentStatus> IDLE = Set.of(IntentStatus.PAYMENT_REQUIRED, IntentStatus.SUCCESSFUL,
            IntentStatus.CANCELED);

    private final RateLimiter limiter;

    public PollingBans(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public void observe(HttpRequest<?> request, IntentStatus status) {
        if (IDLE.contains(status)) {
            request.getAttribute(RateLimitFilter.DECISION, RateLimitDecision.class).ifPresent(limiter::reportIdlePolling);
        }
    }
}
