package io.cauri.metrics;

/** One value of one metric. */
public record Metric(String name, MetricUnit unit, double value) {
    public Metric {
        if (name == null || name.isBlank() || unit == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a metric needs a name, a unit and a finite value");
        }
    }
}
