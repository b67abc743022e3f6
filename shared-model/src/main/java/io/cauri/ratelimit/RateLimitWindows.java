package io.cauri.ratelimit;

import java.time.Instant;
import java.util.Optional;

/**
 * Where request counts and bans live (DynamoDB in AWS). Counts are fixed windows, each its own item that
 * expires after the window; a count is one atomic increment, never a read-then-write.
 */
public interface RateLimitWindows {

    /** The window's state just after this request was counted. */
    record Count(long hits, boolean idlePolling) {
    }

    /** Adds one hit to the window {@code key}, which is forgotten after {@code expiresAt}. One round trip. */
    Count hit(String key, Instant expiresAt);

    /** Marks the window: the intent polled in it was idle, so going past its limit bans. */
    void markIdlePolling(String key, Instant expiresAt);

    /** The end of a ban still running at {@code now}, if any. */
    Optional<Instant> bannedUntil(String key, Instant now);

    void ban(String key, Instant until);
}
