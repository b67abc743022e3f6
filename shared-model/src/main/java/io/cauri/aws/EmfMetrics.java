package io.cauri.aws;

import io.cauri.metrics.Measurement;
import io.cauri.metrics.Metrics;
import jakarta.inject.Singleton;

import java.io.PrintStream;

/**
 * The metrics port as CloudWatch Embedded Metric Format lines on standard output (see {@link Emf}): Lambda
 * ships the line to CloudWatch Logs, which makes the metrics; nothing is called at request time.
 */
@Singleton
public class EmfMetrics implements Metrics {
    private static volatile PrintStream out = System.out;

    @Override
    public void emit(Measurement measurement) {
        out.println(Emf.line(measurement, System.currentTimeMillis()));
    }

    /** Tests read the lines from here. */
    public static void writeTo(PrintStream stream) {
        out = stream;
    }
}
