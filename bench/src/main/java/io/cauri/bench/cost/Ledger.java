package io.cauri.bench.cost;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Where every {@link CostMeter} adds what it counted. Each function loads its own copy of CostMeter (in its own class
 * loader, against its own copy of the SDK), so they reach this one class, loaded by the application class loader,
 * through {@link #add(String, double)}, whose signature names JDK types only.
 */
public final class Ledger {
    private static final Map<String, DoubleAdder> TOTALS = new ConcurrentHashMap<>();

    private Ledger() {
    }

    /** Adds {@code amount} to {@code key} (who|service|operation|unit). */
    public static void add(String key, double amount) {
        TOTALS.computeIfAbsent(key, k -> new DoubleAdder()).add(amount);
    }

    public static Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        TOTALS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public static void reset() {
        TOTALS.clear();
    }
}
