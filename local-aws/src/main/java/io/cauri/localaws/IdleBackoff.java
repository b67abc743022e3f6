package io.cauri.localaws;

/**
 * How long a background poller waits before its next pass: {@code busyMillis} after a pass that found work, twice
 * the last wait after one that found none, up to {@code idleMillis}. An idle local-api then makes a few requests a
 * second instead of several every 200 ms, and rests near 0 % CPU; a burst of events waits at most one idle wait
 * for its first pass, and is then read at the busy pace again. Not thread-safe: one per polling thread.
 */
public final class IdleBackoff {
    private final long busyMillis;
    private final long idleMillis;
    private long current;

    public IdleBackoff(long busyMillis, long idleMillis) {
        if (busyMillis <= 0 || idleMillis < busyMillis) {
            throw new IllegalArgumentException("need 0 < busyMillis <= idleMillis, got " + busyMillis + ", " + idleMillis);
        }
        this.busyMillis = busyMillis;
        this.idleMillis = idleMillis;
        this.current = busyMillis;
    }

    /** The wait before the next pass, given whether the pass just made found anything to do. */
    public long next(boolean foundWork) {
        current = foundWork ? busyMillis : Math.min(idleMillis, current * 2);
        return current;
    }

    /** Back to the busy pace, as if the last pass had found work: something was just written. */
    public void reset() {
        current = busyMillis;
    }

    /** The wait {@link #next} last returned ({@code busyMillis} before the first pass). */
    public long current() {
        return current;
    }
}
