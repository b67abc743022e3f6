package io.cauri.ratelimit;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

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
    /** Longer ids (no real one is: {@code pi_} + 21) are hashed into window keys. */
    static final int MAX_PLAIN_ID_CHARS = 64;

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
     * @param holdsTokenFor whether the caller authenticates with a valid token of the given intent alone
     *                      (exempt on some routes). Asked only on those routes, with the canonical id of the
     *                      path: a token that does not verify, or names another intent, is counted like anyone.
     */
    public RateLimitDecision check(String sourceIp, String method, String path, Predicate<String> holdsTokenFor) {
        Instant now = clock.instant();
        RateLimitRules.Match match = rules.match(method, path);
        RateLimitRule rule = match.rule();
        if (rule.exemptWithToken() && match.pathId() != null && holdsTokenFor.test(match.pathId())) {
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
        String windowKey = route + (match.id() == null ? "" : "#" + keyPart(match.id())) + "#" + start;
        RateLimitWindows.Count count = windows.hit(windowKey, end.plus(WINDOW_SLACK));
        if (count.hits() > rule.limit() && rule.banIdlePolling() && count.idlePolling()) {
            Instant until = now.plus(rules.banDuration());
            windows.ban(banKey, until);
            return new RateLimitDecision(rule, windowKey, count.hits(), now, until, true);
        }
        return new RateLimitDecision(rule, windowKey, count.hits(), now, end, false);
    }

    /**
     * An id as it goes into a window key: as is when it is short (every real id is), else its SHA-256, so that
     * no request can make a key longer than the store accepts (DynamoDB: 2048 bytes for a partition key) —
     * the id is only counted by, never read back.
     */
    static String keyPart(String id) {
        if (id.length() <= MAX_PLAIN_ID_CHARS && id.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '#')) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
