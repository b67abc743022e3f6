package io.cauri.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One row of the limits table: at most {@code limit} requests per fixed {@code window} from one source IP on
 * the route {@code method path} ({@code {name}} segments match any one segment).
 *
 * @param perId           each value of the route's first path parameter is counted apart
 * @param exemptWithToken a caller holding only the intent's token ({@code ?token=}) is not limited
 * @param banIdlePolling  going past the limit while the intent is idle bans the IP from this route
 */
public record RateLimitRule(String name, String method, String path, int limit, Duration window,
                            boolean perId, boolean exemptWithToken, boolean banIdlePolling) {
    public RateLimitRule {
        if (name == null || name.isBlank() || name.contains("#")) {
            throw new IllegalArgumentException("rate limit rule: a name without '#' is required");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit rule " + name + ": limit must be at least 1");
        }
        if (window == null || window.getSeconds() < 1 || window.getNano() != 0) {
            throw new IllegalArgumentException("rate limit rule " + name + ": window must be whole seconds, at least 1");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        if (perId && (path == null || !path.contains("{"))) {
            throw new IllegalArgumentException("rate limit rule " + name + ": perId needs a path parameter");
        }
    }

    /** Path segments, without the empty one before the leading slash. */
    List<String> segments() {
        return split(path);
    }

    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return List.of(trimmed.split("/", -1));
    }
}
