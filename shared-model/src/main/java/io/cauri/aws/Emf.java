package io.cauri.aws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.cauri.metrics.Measurement;
import io.cauri.metrics.Metric;
import io.cauri.metrics.MetricNames;

import java.util.List;
import java.util.Map;

/**
 * CloudWatch's Embedded Metric Format, written by hand: a log line that is a JSON object with an {@code _aws}
 * block (timestamp, namespace, the dimension sets, each metric's name and unit) naming keys of the same line,
 * whose values are the dimension values and the metric values. CloudWatch Logs extracts the metrics from the
 * line as it ingests it, so recording one costs a line on standard output and no call.
 */
public final class Emf {
    /** The {@code Function} dimension: the Lambda function's name, {@code local} outside Lambda. */
    public static final String FUNCTION_NAME = functionName(System.getenv("AWS_LAMBDA_FUNCTION_NAME"));

    private Emf() {
    }

    static String functionName(String env) {
        return env == null || env.isBlank() ? "local" : env;
    }

    /** A whole line: the measurement's dimension and metric values, then its {@code _aws} block. */
    public static String line(Measurement measurement, long timestampMillis) {
        StringBuilder line = new StringBuilder(256).append('{');
        appendMembers(line, measurement, timestampMillis);
        return line.append('}').toString();
    }

    /**
     * Appends the measurement's members to an object being written ({@code line} ends with {@code {} or a
     * member followed by {@code ,}): its dimension values, its metric values and the {@code _aws} block, the
     * last member (no trailing comma).
     */
    public static void appendMembers(StringBuilder line, Measurement measurement, long timestampMillis) {
        for (Map.Entry<String, String> d : measurement.dimensions().entrySet()) {
            string(line, d.getKey()).append(':');
            string(line, d.getValue()).append(',');
        }
        for (Metric m : measurement.metrics()) {
            string(line, m.name()).append(':').append(number(m.value())).append(',');
        }
        line.append("\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        string(line, MetricNames.NAMESPACE).append(",\"Dimensions\":[");
        List<List<String>> sets = measurement.dimensionSets();
        for (int i = 0; i < sets.size(); i++) {
            line.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < sets.get(i).size(); j++) {
                if (j > 0) {
                    line.append(',');
                }
                string(line, sets.get(i).get(j));
            }
            line.append(']');
        }
        line.append("],\"Metrics\":[");
        for (int i = 0; i < measurement.metrics().size(); i++) {
            Metric m = measurement.metrics().get(i);
            line.append(i == 0 ? "{\"Name\":" : ",{\"Name\":");
            string(line, m.name()).append(",\"Unit\":");
            string(line, m.unit().cloudWatch()).append('}');
        }
        line.append("]}]}");
    }

    /** Whole numbers without a fraction (counts and milliseconds are). */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static StringBuilder string(StringBuilder line, String value) {
        line.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, line);
        return line.append('"');
    }
}
