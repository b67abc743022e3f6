package io.cauri.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics recorded together, with the dimension values they share and the dimension sets CloudWatch
 * aggregates them by (each set names dimensions of {@code dimensions}; the empty set is the metric alone).
 */
public record Measurement(Map<String, String> dimensions, List<List<String>> dimensionSets, List<Metric> metrics) {
    public Measurement {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
        metrics = List.copyOf(metrics);
        for (List<String> set : dimensionSets) {
            if (!dimensions.keySet().containsAll(set)) {
                throw new IllegalArgumentException("dimension set " + set + " names a dimension without a value");
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a measurement records at least one metric");
        }
    }

    /** One metric with no dimension: aggregated alone. */
    public static Measurement of(Metric metric) {
        return new Measurement(Map.of(), List.of(List.of()), List.of(metric));
    }
}
