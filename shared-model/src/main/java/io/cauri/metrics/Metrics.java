package io.cauri.metrics;

/**
 * The metrics port: records a measurement without waiting on anything (the adapter writes CloudWatch's
 * Embedded Metric Format to standard output, which CloudWatch Logs turns into metrics; no call leaves the
 * function).
 */
public interface Metrics {
    void emit(Measurement measurement);
}
