package io.cauri.metrics;

/** The CloudWatch units Cauri's metrics use (their names are CloudWatch's, as the log line must spell them). */
public enum MetricUnit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds");

    private final String cloudWatch;

    MetricUnit(String cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    public String cloudWatch() {
        return cloudWatch;
    }
}
