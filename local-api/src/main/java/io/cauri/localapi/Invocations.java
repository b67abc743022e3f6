package io.cauri.localapi;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many times each function of this JVM was invoked and for how long, as Lambda would bill it: each
 * invocation's duration rounded up to the next millisecond. bench/cost reads it to price the invocations a payment
 * needs at each function's configured memory; counting costs two clock reads per invocation.
 */
public final class Invocations {

    /** One function's totals: invocations, billed milliseconds (each rounded up), and the exact nanoseconds. */
    public record Totals(long invocations, long billedMillis, long nanos) {
    }

    private static final Map<String, LongAdder[]> BY_FUNCTION = new ConcurrentHashMap<>();

    private Invocations() {
    }

    /** Records one invocation of {@code function} that took {@code nanos}. */
    public static void record(String function, long nanos) {
        LongAdder[] totals = BY_FUNCTION.computeIfAbsent(function, f -> new LongAdder[]{new LongAdder(), new LongAdder(), new LongAdder()});
        totals[0].increment();
        totals[1].add(billedMillis(nanos));
        totals[2].add(nanos);
    }

    /** Lambda bills duration in 1 ms steps, rounded up: 1.0001 ms is 2 ms, 0 ns is still 1 ms. */
    static long billedMillis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /** Every function's totals since the last {@link #reset()}, by function name. */
    public static Map<String, Totals> snapshot() {
        Map<String, Totals> out = new TreeMap<>();
        BY_FUNCTION.forEach((f, t) -> out.put(f, new Totals(t[0].sum(), t[1].sum(), t[2].sum())));
        return out;
    }

    public static void reset() {
        BY_FUNCTION.clear();
    }
}
