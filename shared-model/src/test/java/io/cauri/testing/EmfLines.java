package io.cauri.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.aws.EmfMetrics;
import io.cauri.web.log.RequestLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads CloudWatch Embedded Metric Format lines out of captured log output and checks each one as CloudWatch
 * would before extracting its metrics: an {@code _aws} block with an integer {@code Timestamp} and
 * {@code CloudWatchMetrics} directives, each with a namespace, dimension sets whose names are keys of the line
 * holding string values, and metrics whose names are keys of the line holding numbers, in a CloudWatch unit.
 */
public final class EmfLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** CloudWatch's units (the MetricDatum units). */
    public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    private EmfLines() {
    }

    /** Something a test does while its output is captured. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Everything written to standard output and error, and by the request log and the metrics adapter, during {@code work}. */
    public static String capture(Work work) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        RequestLog.writeTo(capture);
        EmfMetrics.writeTo(capture);
        try {
            work.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
            RequestLog.writeTo(out);
            EmfMetrics.writeTo(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Every line of {@code log} carrying an {@code _aws} block, each checked ({@link #check}). */
    public static List<JsonNode> parse(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
                check(node);
                lines.add(node);
            }
        }
        return lines;
    }

    /** Throws an AssertionError saying what is wrong if {@code line} is not a valid EMF document. */
    public static void check(JsonNode line) {
        JsonNode aws = line.get("_aws");
        require(aws != null && aws.isObject(), "no _aws object", line);
        require(aws.path("Timestamp").isIntegralNumber() && aws.get("Timestamp").asLong() > 0, "no integer Timestamp", line);
        JsonNode directives = aws.get("CloudWatchMetrics");
        require(directives != null && directives.isArray() && !directives.isEmpty(), "no CloudWatchMetrics", line);
        for (JsonNode directive : directives) {
            require(directive.path("Namespace").isTextual() && !directive.get("Namespace").asText().isBlank(),
                    "a directive without a namespace", line);
            JsonNode sets = directive.get("Dimensions");
            require(sets != null && sets.isArray(), "a directive without Dimensions", line);
            for (JsonNode set : sets) {
                require(set.isArray() && set.size() <= 30, "a dimension set that is not an array of at most 30", line);
                for (JsonNode name : set) {
                    require(name.isTextual(), "a dimension name that is not a string", line);
                    JsonNode value = line.get(name.asText());
                    require(value != null && value.isTextual() && !value.asText().isEmpty(),
                            "dimension " + name + " has no string value in the line", line);
                }
            }
            JsonNode metrics = directive.get("Metrics");
            require(metrics != null && metrics.isArray() && !metrics.isEmpty(), "a directive without Metrics", line);
            for (JsonNode metric : metrics) {
                require(metric.path("Name").isTextual(), "a metric without a name", line);
                JsonNode value = line.get(metric.get("Name").asText());
                require(value != null && (value.isNumber() || value.isArray() && value.size() > 0
                                && allNumbers(value)), "metric " + metric.get("Name") + " has no number in the line", line);
                require(!metric.has("Unit") || UNITS.contains(metric.get("Unit").asText()),
                        "metric " + metric.get("Name") + " has unit " + metric.get("Unit") + ", not CloudWatch's", line);
            }
        }
    }

    /** The lines among {@code lines} that declare metric {@code name}. */
    public static List<JsonNode> withMetric(List<JsonNode> lines, String name) {
        return lines.stream().filter(l -> declared(l, name) != null).toList();
    }

    /** The unit {@code line} declares for metric {@code name}. */
    public static String unit(JsonNode line, String name) {
        JsonNode declared = declared(line, name);
        return declared == null ? null : declared.path("Unit").asText(null);
    }

    /** The dimension sets of the directive declaring metric {@code name} in {@code line}. */
    public static List<List<String>> dimensionSets(JsonNode line, String name) {
        for (JsonNode directive : line.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode metric : directive.get("Metrics")) {
                if (name.equals(metric.get("Name").asText())) {
                    List<List<String>> sets = new ArrayList<>();
                    for (JsonNode set : directive.get("Dimensions")) {
                        List<String> names = new ArrayList<>();
                        set.forEach(n -> names.add(n.asText()));
                        sets.add(names);
                    }
                    return sets;
                }
            }
        }
        return null;
    }

    /** The namespace of the directive declaring metric {@code name} in {@code line}. */
    public static String namespace(JsonNode line, String name) {
        for (JsonNode directive : line.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode metric : directive.get("Metrics")) {
                if (name.equals(metric.get("Name").asText())) {
                    return directive.get("Namespace").asText();
                }
            }
        }
        return null;
    }

    private static JsonNode declared(JsonNode line, String name) {
        for (JsonNode directive : line.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode metric : directive.get("Metrics")) {
                if (name.equals(metric.get("Name").asText())) {
                    return metric;
                }
            }
        }
        return null;
    }

    private static boolean allNumbers(JsonNode array) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (!it.next().isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean condition, String what, JsonNode line) {
        if (!condition) {
            throw new AssertionError("not a valid EMF line: " + what + ": " + line);
        }
    }
}
