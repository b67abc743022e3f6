package io.cauri.testing;

import io.cauri.testing.LocalFunction.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every API function's HTTP edge must do, asserted through its real handler: the rows of the rate-limit
 * table (docs/CONTRACT.md §6) and the security headers. Each check prints its figure.
 */
public final class HttpEdge {
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    private HttpEdge() {
    }

    /** A clock standing at the start of a 30-second window (so also of every 5- and 10-second one). */
    public static MovableClock windowAlignedClock() {
        long now = Instant.now().getEpochSecond();
        return new MovableClock(Instant.ofEpochSecond(now - Math.floorMod(now, 30)));
    }

    /** A source IP no other test uses (a documentation range: only a string in the event, never contacted). */
    public static String freshIp() {
        int n = NEXT_IP.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    /** A function whose rate limits are on, with the given clock. */
    public static LocalFunction limitedFunction(MovableClock clock) {
        return new LocalFunction(Map.of("cauri.rate-limits.enabled", true), clock);
    }

    /**
     * One row: {@code limit} requests in a window pass the limiter (whatever the route then answers), each with
     * {@code RateLimit-*} headers counting down; request {@code limit + 1} is 429 {@code rate_limited} with
     * {@code Retry-After} (the rest of the window) and {@code RateLimit-Remaining: 0}; once the window is over
     * the route answers again. The request supplier must give a fresh event each time, from one source IP.
     */
    public static void assertRow(String row, LocalFunction function, MovableClock clock, int limit, int windowSeconds,
                                 Supplier<ApiGatewayEvents> request) {
        int firstStatus = -1;
        for (int i = 1; i <= limit; i++) {
            Response response = function.handle(request.get());
            assertNotEquals(429, response.status(), row + ": request " + i + " of " + limit + " refused: " + response.body());
            assertEquals(Integer.toString(limit), response.header("RateLimit-Limit"), row + ": RateLimit-Limit");
            assertEquals(Integer.toString(limit - i), response.header("RateLimit-Remaining"), row + ": RateLimit-Remaining");
            assertEquals(Integer.toString(windowSeconds), response.header("RateLimit-Reset"), row + ": RateLimit-Reset");
            firstStatus = firstStatus < 0 ? response.status() : firstStatus;
        }
        Response refused = function.handle(request.get());
        assertRateLimited(refused, row, limit, windowSeconds);
        clock.advance(Duration.ofSeconds(windowSeconds));
        Response next = function.handle(request.get());
        assertNotEquals(429, next.status(), row + ": the next window must be open again: " + next.body());
        assertEquals(Integer.toString(limit - 1), next.header("RateLimit-Remaining"), row + ": a new window counts afresh");
        System.out.printf("rate limit row %-44s limit %d/%ds: %d requests answered (%d), request %d -> 429 "
                        + "Retry-After %s, next window -> %d%n", row, limit, windowSeconds, limit, firstStatus, limit + 1,
                refused.header("Retry-After"), next.status());
    }

    /** A 429 of the limiter: error body, {@code Retry-After} and {@code RateLimit-*} headers. */
    public static void assertRateLimited(Response refused, String row, int limit, long retryAfter) {
        assertEquals(429, refused.status(), row + ": over the limit: " + refused.body());
        assertEquals("rate_limited", refused.json().get("code").asText(), row);
        assertEquals(429, refused.json().get("status").asInt(), row);
        assertTrue(refused.json().get("request_id").asText().startsWith("req_"), row);
        assertEquals(Long.toString(retryAfter), refused.header("Retry-After"), row + ": Retry-After");
        assertEquals(Integer.toString(limit), refused.header("RateLimit-Limit"), row + ": RateLimit-Limit");
        assertEquals("0", refused.header("RateLimit-Remaining"), row + ": RateLimit-Remaining");
        assertEquals(Long.toString(retryAfter), refused.header("RateLimit-Reset"), row + ": RateLimit-Reset");
        assertEquals("nosniff", refused.header("X-Content-Type-Options"), row + ": security headers on a 429 too");
    }

    /** The headers every response carries, whatever its status. */
    public static void assertSecurityHeaders(Response response, String what) {
        assertEquals("max-age=63072000; includeSubDomains", response.header("Strict-Transport-Security"), what);
        assertEquals("nosniff", response.header("X-Content-Type-Options"), what);
        assertEquals("DENY", response.header("X-Frame-Options"), what);
        assertEquals("no-referrer", response.header("Referrer-Policy"), what);
        assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"), what);
        assertEquals("no-store", response.header("Cache-Control"), what);
        System.out.printf("security headers on %s (%d): HSTS, nosniff, DENY, no-referrer, CSP, no-store%n", what,
                response.status());
    }

    /** A server route (API key): browsers get no CORS headers. */
    public static void assertNoCors(Response response, String what) {
        assertNull(response.header("Access-Control-Allow-Origin"), what + ": no CORS on a server route");
    }
}
