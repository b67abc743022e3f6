package io.cauri.web.guard;

import io.cauri.ratelimit.RateLimitDecision;
import io.cauri.ratelimit.RateLimiter;
import io.cauri.refusal.Refusal;
import io.cauri.token.IntentTokens;
import io.cauri.token.InvalidTokenException;
import io.cauri.web.auth.CallerResolver;
import io.cauri.web.error.ApiException;
import io.cauri.web.error.ErrorResponses;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.function.Predicate;

/**
 * The per-IP rate limits (docs/CONTRACT.md §6), applied to every request of every API function before any domain work:
 * after the request-size checks, before routing to a controller. Over the limit → 429 with the error body,
 * {@code Retry-After} and {@code RateLimit-Limit/Remaining/Reset}; allowed requests carry the
 * {@code RateLimit-*} headers too. {@code cauri.rate-limits.enabled=false} turns them off (local-api
 * {@code --no-rate-limits}, and the tests of everything else).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RateLimitFilter implements Ordered {
    /** After {@link SecurityHeadersFilter} and {@link RequestLimitsFilter}. */
    public static final int ORDER = RequestLimitsFilter.ORDER + 10;
    /** Request attribute holding this request's {@link RateLimitDecision}. */
    public static final String DECISION = "cauri.rateLimit";

    private final RateLimiter limiter;
    private final GatewayRequest gateway;
    private final boolean enabled;
    /** Resolved only when a token-exempt route is called with a token: the other functions never load the key. */
    private final BeanProvider<IntentTokens> tokens;

    public RateLimitFilter(RateLimiter limiter, @Nullable GatewayRequest gateway,
                           @Value("${cauri.rate-limits.enabled:true}") boolean enabled, BeanProvider<IntentTokens> tokens) {
        this.limiter = limiter;
        this.gateway = gateway;
        this.enabled = enabled;
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (!enabled || "OPTIONS".equals(request.getMethodName())) {
            return null; // preflights carry no credentials and do no work
        }
        String ip = gateway == null ? null : gateway.sourceIp(request).orElse(null);
        RateLimitDecision decision = limiter.check(ip == null || ip.isBlank() ? "unknown" : ip,
                request.getMethodName(), request.getPath(), tokenHolder(request));
        request.setAttribute(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        MutableHttpResponse<?> refused = ErrorResponses.of(request, ApiException.of(Refusal.RATE_LIMITED,
                decision.banned()
                        ? "Too many requests polling this route; this address may not call it again before Retry-After."
                        : "Too many requests on this route from this address; retry after Retry-After seconds.",
                null));
        refused.header("Retry-After", Long.toString(decision.resetSeconds()));
        headers(decision, refused);
        return refused;
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RateLimitDecision.class).ifPresent(d -> headers(d, response));
    }

    private static void headers(RateLimitDecision decision, MutableHttpResponse<?> response) {
        if (!decision.limited()) {
            return;
        }
        response.getHeaders().set("RateLimit-Limit", Integer.toString(decision.rule().limit()));
        response.getHeaders().set("RateLimit-Remaining", Long.toString(decision.banned() ? 0 : decision.remaining()));
        response.getHeaders().set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    /**
     * Whether the caller authenticates with the intent's token alone — a {@code token} query value, no server
     * key — and that token is valid for the intent the path names. Verified here, before the exemption: an
     * unverified token would let anyone skip the limit by sending any string (a verify is one HMAC, no I/O).
     */
    private Predicate<String> tokenHolder(HttpRequest<?> request) {
        if (request.getHeaders().contains(CallerResolver.API_KEY) || request.getHeaders().contains("Authorization")) {
            return intentId -> false;
        }
        String token = request.getParameters().get("token");
        if (token == null || token.isBlank()) {
            return intentId -> false;
        }
        return intentId -> {
            try {
                return tokens.get().verify(token).intentId().equals(intentId);
            } catch (InvalidTokenException | IllegalStateException e) {
                return false; // not verified (or no key to verify with): counted like any other caller
            }
        };
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
