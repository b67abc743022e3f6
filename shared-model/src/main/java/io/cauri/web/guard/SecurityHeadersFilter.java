package io.cauri.web.guard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Security headers on every response (errors and refusals of the other filters included: this filter is
 * outermost), and CORS on the routes a payer's browser calls with the intent's token, and only there.
 * <p>
 * CORS is answered here rather than by API Gateway because an HTTP API's {@code CorsConfiguration} applies to
 * every route: the server routes (API key) must stay closed to browsers. The browser routes allow any origin
 * (the token travels in the query or body, never in a cookie, so there are no credentials to protect) and
 * only the {@code Content-Type} and {@code Idempotency-Key} request headers: a browser is never allowed to
 * send {@code ApiKey} or {@code Authorization} cross-origin. template.yaml routes their {@code OPTIONS}
 * preflights to the same functions.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** The routes a client app calls with the intent's token (docs/CONTRACT.md §1 "auth (client)" and §3). */
    static final List<RoutePattern> BROWSER_ROUTES = List.of(
            RoutePattern.of("GET", "/payment-intents/{id}"),
            RoutePattern.of("GET", "/payment-intents/{id}/status"),
            RoutePattern.of("GET", "/payment-intents/{id}/payment-fees"),
            RoutePattern.of("GET", "/payment-intents/url/{token}"),
            RoutePattern.of("POST", "/payment-intents/{id}/payments"),
            RoutePattern.of("POST", "/payment-intents/{id}/payments/sync"),
            RoutePattern.of("POST", "/payment-intents/{id}/authentication"));

    static final String ALLOWED_HEADERS = "Content-Type, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
            + "RateLimit-Reset, Idempotent-Replayed";
    private static final String JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The sandbox payment page: its inline style, forms posting to itself, nothing else. */
    private static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    /** Whether this request is one of {@link #BROWSER_ROUTES} (an {@code OPTIONS} preflight is not). */
    static boolean isBrowserRoute(HttpRequest<?> request) {
        String method = request.getMethodName();
        String path = request.getPath();
        return BROWSER_ROUTES.stream().anyMatch(r -> r.matches(method, path));
    }

    /** Answers a CORS preflight on a browser route; anything else goes on. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> preflight(HttpRequest<?> request) {
        if (!"OPTIONS".equals(request.getMethodName())) {
            return null;
        }
        String path = request.getPath();
        String methods = BROWSER_ROUTES.stream().filter(r -> r.matches(r.method(), path)).map(RoutePattern::method)
                .distinct().collect(Collectors.joining(", "));
        if (methods.isEmpty()) {
            return null; // not a browser route: no CORS, the router answers as for any unknown method
        }
        MutableHttpResponse<?> allowed = HttpResponse.noContent()
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        secure(request, allowed); // a filter's own answer does not pass through its response filter
        return allowed;
    }

    /**
     * The security headers of a JSON response, for the answers given before Micronaut routes a request (the
     * Lambda handler's refusals of what Micronaut cannot parse), which this filter never sees.
     */
    public static final Map<String, String> JSON_RESPONSE_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", JSON_POLICY,
            HttpHeaders.CACHE_CONTROL, "no-store");

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        for (String name : List.of("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options")) {
            headers.set(name, JSON_RESPONSE_HEADERS.get(name));
        }
        // A payer page sets its own policy (its static assets, the merchant's form targets) and Referrer-Policy
        // (same-origin: with no-referrer Chrome posts its own forms with Origin: null); it keeps them.
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", "no-referrer");
        }
        if (!headers.contains("Content-Security-Policy")) {
            boolean html = request.getPath().startsWith("/sandbox/")
                    || response.getContentType().map(t -> t.matches(MediaType.TEXT_HTML_TYPE)).orElse(false);
            headers.set("Content-Security-Policy", html ? HTML_POLICY : JSON_POLICY);
        }
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (isBrowserRoute(request)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
