package io.cauri.ratelimit;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts requests per source IP in fixed windows of the matching {@link RateLimitRule} and decides whether
 * each may go on. One atomic counter update per request; the routes that can ban also read their ban item.
 * <p>
 * Polling bans (HUB2: polling an intent that is {@code payment_required}, {@code successful} or
 * {@code canceled} past its limit bans the IP from that route for 10 minutes) need the intent's status,
 * which only the route's own work knows. So the route reports it, and only on the request that reaches the
 * limit ({@link #reportIdlePolling}): that marks the window, and the next request in the same window, which
 * goes past the limit, records the ban. No request under the limit pays for it.
 */
@Singleton
public class RateLimiter {
    /** Windows are kept a little past their end, so that a late clock never recounts one. */
    private static final Duration WINDOW_SLACK = Duration.ofSeconds(60);

    private final RateLimitRules rules;
    private final RateLimitWindows windows;
    private final Clock clock;

    public RateLimiter(RateLimitRules rules, RateLimitWindows windows, Clock clock) {
        this.rules = rules;
        this.windows = windows;
        this.clock = clock;
    }

    /**
     * Counts this request.
     *
     * @param tokenCaller the caller authenticates with the intent's token alone (exempt on some routes)
     */
    public RateLimitDecision check(String sourceIp, String method, String path, boolean tokenCaller) {
        Instant now = clock.instant();
        RateLimitRules.Match match = rules.match(method, path);
        RateLimitRule rule = match.rule();
        if (rule.exemptWithToken() && tokenCaller) {
            return RateLimitDecision.unlimited(now);
        }
        String route = sourceIp + "#" + rule.name();
        String banKey = "ban#" + route;
        if (rule.banIdlePolling()) {
            Optional<Instant> until = windows.bannedUntil(banKey, now);
            if (until.isPresent()) {
                return new RateLimitDecision(rule, null, rule.limit() + 1L, now, until.get(), true);
            }
        }
        long size = rule.window().getSeconds();
        long start = Math.floorDiv(now.getEpochSecond(), size) * size;
        Instant end = Instant.ofEpochSecond(start + size);
        String windowKey = route + (match.id() == null ? "" : "#" + match.id()) + "#" + start;
        RateLimitWindows.Count count = windows.hit(windowKey, end.plus(WINDOW_SLACK));
        if (count.hits() > rule.limit() && rule.banIdlePolling() && count.idlePolling()) {
            Instant until = now.plus(rules.banDuration());
            windows.ban(banKey, until);
            return new RateLimitDecision(rule, windowKey, count.hits(), now, until, true);
        }
        return new RateLimitDecision(rule, windowKey, count.hits(), now, end, false);
    }

    /**
     * The route found the polled intent idle. On the request that reached the limit of a banning rule, marks
     * the window so that the next request past the limit bans; otherwise does nothing (no write).
     */
    public void reportIdlePolling(RateLimitDecision decision) {
        RateLimitRule rule = decision.rule();
        if (rule != null && rule.banIdlePolling() && decision.allowed() && decision.hits() >= rule.limit()) {
            windows.markIdlePolling(decision.windowKey(), decision.resetAt().plus(WINDOW_SLACK));
        }
    }
}
