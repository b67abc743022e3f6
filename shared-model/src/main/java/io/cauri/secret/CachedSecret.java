package io.cauri.secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One secret read from outside the process (Secrets Manager, a file, KMS), kept for a TTL so that a rotation is
 * picked up within that time without a redeploy, and without a read on every request:
 * <ul>
 *   <li>at most one read per TTL: {@link #get()} answers from the cache until {@code ttl} after the last good
 *       read; concurrent uses wait for the one read in flight instead of making their own;</li>
 *   <li>a failed read is not repeated before {@link #RETRY_AFTER_FAILURE} (an outage must not turn every
 *       request into a slow call); meanwhile the last good value is served, for at most {@code grace} after
 *       it was read (a key valid minutes ago is the best there is, one of unknown age is not), and a log line
 *       says so, naming the secret and the error's class, never the value or the error's message (an SDK
 *       or parser message may quote it);</li>
 *   <li>{@link #forget()} drops the value and its fallback: the SnapStart hook calls it, so that a restored
 *       container reads afresh.</li>
 * </ul>
 * With no value to fall back on, {@link #get()} throws {@link Unavailable}.
 */
public final class CachedSecret<T> {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CachedSecret.class);

    private final String name;
    private final Supplier<T> read;
    private final Duration ttl;
    private final Duration grace;
    private final Clock clock;
    // guarded by this
    private T value;
    private Instant readAt;
    private Instant next;
    private RuntimeException failure;

    /**
     * @param name  what the secret is and where it comes from, for log lines and errors (never its value)
     * @param read  reads the secret; throws if it cannot (its message is never logged)
     * @param grace how long after its read the last good value may still be served while reads fail
     */
    public CachedSecret(String name, Supplier<T> read, Duration ttl, Duration grace, Clock clock) {
        if (ttl.isNegative() || ttl.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException(name + ": the TTL must be positive and the grace not negative");
        }
        this.name = name;
        this.read = read;
        this.ttl = ttl;
        this.grace = grace;
        this.clock = clock;
    }

    public CachedSecret(String name, Supplier<T> read, Duration ttl, Clock clock) {
        this(name, read, ttl, DEFAULT_GRACE, clock);
    }

    /**
     * Hands the cache a value read elsewhere just now (the cold start's read, done on its own thread): it
     * counts as a good read made at this clock's present.
     */
    public synchronized CachedSecret<T> seed(T read) {
        Instant now = clock.instant();
        value = read;
        readAt = now;
        next = now.plus(ttl);
        failure = null;
        return this;
    }

    /** The value: cached, read afresh once its TTL has passed, or the last good one during a failure's grace. */
    public synchronized T get() {
        Instant now = clock.instant();
        if (next != null && now.isBefore(next)) {
            if (failure == null) {
                return value;
            }
            if (value != null && now.isBefore(readAt.plus(grace))) {
                return value;
            }
            throw new Unavailable(name, failure);
        }
        try {
            T fresh = read.get();
            value = fresh;
            readAt = now;
            next = now.plus(ttl);
            failure = null;
            return fresh;
        } catch (RuntimeException e) {
            failure = e;
            next = now.plus(RETRY_AFTER_FAILURE.compareTo(ttl) < 0 ? RETRY_AFTER_FAILURE : ttl);
            if (value != null && now.isBefore(readAt.plus(grace))) {
                LOG.warn("{}: cannot be read ({}); keeping the value read at {} until it can, for at most {} after that",
                        name, e.getClass().getSimpleName(), readAt, grace);
                return value;
            }
            LOG.error("{}: cannot be read ({}) and no value read within {} to fall back on", name,
                    e.getClass().getSimpleName(), grace);
            throw new Unavailable(name, e);
        }
    }

    /** Drops the value and any fallback: the next {@link #get()} reads. */
    public synchronized void forget() {
        value = null;
        readAt = null;
        next = null;
        failure = null;
    }

    @Override
    public String toString() {
        return "CachedSecret[" + name + ", ttl=" + ttl + "]";
    }

    /**
     * The secret cannot be read and there is no recent value to serve. The message names the secret and the
     * read's error class; the read's exception is not attached (its message may quote the secret).
     */
    public static final class Unavailable extends IllegalStateException {
        Unavailable(String name, RuntimeException cause) {
            super(name + " is unavailable (" + cause.getClass().getSimpleName() + ")");
        }
    }
}
