package io.cauri.bench.cost;

import io.cauri.localapi.Invocations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What bench/cost prints: every billed unit per payment, where it goes (function, service, operation), its price per
 * million payments, the total, the least a correct design needs and the ratio. Unscheduled work only: the expiry
 * sweep (a schedule, not a payment) and idle polling (empty receives) are printed apart and left out of the totals.
 */
final class Report {
    static final String PUBLISHER = "StreamPublisherFunction";
    static final String DISPATCHER = "WebhookDispatcherFunction";

    record Row(String unit, String who, String what, double perPayment, double usdPerMillion) {
    }

    private final int n;
    private final long apiRequests;
    private final Map<String, Double> ledger;
    private final Map<String, Invocations.Totals> invocations;
    private final Map<String, Object[]> memory;
    private final String excluded;

    Report(int n, long apiRequests, Map<String, Double> ledger, Map<String, Invocations.Totals> invocations,
           Map<String, Object[]> memory, String excluded) {
        this.n = n;
        this.apiRequests = apiRequests;
        this.ledger = ledger;
        this.invocations = invocations;
        this.memory = memory;
        this.excluded = excluded;
    }

    /** GB-seconds of {@code billedMillis} at the function's configured memory. */
    double gbSeconds(String function, long billedMillis) {
        Object[] m = memory.get(function);
        if (m == null) {
            throw new IllegalStateException("no MemorySize for " + function + " in template.yaml");
        }
        return billedMillis / 1000.0 * ((Integer) m[0]) / 1024.0;
    }

    String architecture(String function) {
        return (String) memory.get(function)[1];
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("API Gateway HTTP API request", "client", "3 routes", (double) apiRequests / n,
                apiRequests * Prices.HTTP_API_REQUEST / n * 1e6));
        invocations.forEach((function, t) -> {
            if (function.equals(excluded)) {
                return;
            }
            double gbs = gbSeconds(function, t.billedMillis());
            rows.add(new Row("Lambda request", function, "invocations", (double) t.invocations() / n,
                    t.invocations() * Prices.LAMBDA_REQUEST / n * 1e6));
            rows.add(new Row("Lambda GB-s (" + memory.get(function)[0] + " MB, " + architecture(function) + ")", function,
                    String.format(Locale.ROOT, "%.2f ms billed per invocation", (double) t.billedMillis() / t.invocations()),
                    gbs / n, gbs * Prices.gbSecond(architecture(function)) / n * 1e6));
        });
        ledger.forEach((key, value) -> {
            String[] k = key.split("\\|", 4);
            String who = k[0];
            String service = k[1];
            String op = k[2];
            String unit = k[3];
            if (service.equals("meter") && op.equals("error")) {
                // the key's last part is the error itself; wherever it happened, the counts are not to be trusted
                throw new IllegalStateException("the meter failed in " + who + ": " + unit
                        + " (function jars shrunk by ProGuard? rebuild them with BENCH_REBUILD=1)");
            }
            if (who.equals(excluded)) {
                return;
            }
            double per = value / n;
            switch (service + " " + unit) {
                case "dynamodb wru" -> {
                    if (op.contains(" ")) {
                        rows.add(new Row("DynamoDB WRU", who, op, per, per * Prices.DYNAMODB_WRU * 1e6));
                    }
                }
                case "dynamodb rru" -> {
                    if (op.contains(" ")) {
                        rows.add(new Row("DynamoDB RRU", who, op, per, per * Prices.DYNAMODB_RRU * 1e6));
                    }
                }
                case "dynamodb estimated" -> rows.add(new Row("DynamoDB (units estimated by size)", who, op, per, 0));
                case "dynamodb gsi" -> rows.add(new Row("DynamoDB units of which GSI (included above)", who, op, per, 0));
                case "dynamodbstreams records" -> rows.add(new Row("DynamoDB Streams record read (free to Lambda)", who, op, per,
                        per * Prices.STREAMS_READ_BY_LAMBDA * 1e6));
                case "sns billed" -> rows.add(new Row("SNS publish (64 KB chunks)", who, op, per, per * Prices.SNS_PUBLISH * 1e6));
                case "sqs billed" -> rows.add(new Row("SQS request (64 KB chunks)", who, op, per, per * Prices.SQS_REQUEST * 1e6));
                default -> {
                    // requests, messages, empty polls, failures: shown in the raw counts
                }
            }
        });
        rows.sort(Comparator.comparingDouble(Row::usdPerMillion).reversed());
        return rows;
    }

    double sum(List<Row> rows, String unitPrefix) {
        return rows.stream().filter(r -> r.unit().startsWith(unitPrefix)).mapToDouble(Row::perPayment).sum();
    }

    /** Events the stream publisher announced per payment (each on the topic once: its messages, batched or not). */
    double eventsPerPayment() {
        return ledger.entrySet().stream().filter(e -> e.getKey().startsWith(PUBLISHER + "|sns|") && e.getKey().endsWith("|messages"))
                .mapToDouble(Map.Entry::getValue).sum() / n;
    }

    /**
     * The least the product's contract needs per payment: {@link #strictMinimum()} plus what docs/CONTRACT.md makes
     * unavoidable and it leaves out, each once: every event stored for the events feed (GET /events holds every
     * event of the merchant, wanted by an endpoint or not; 1 KB, one write), and every event announced on the SNS
     * topic merchants subscribe to (status changes through SNS) where the strict minimum has only the one wanted.
     * SNS bills a PublishBatch by the started 64 KB of the request, not by message: a payment's events (a few KB
     * together) are at least one billed request, the strict minimum's one, so the contract adds no SNS unit.
     */
    List<Row> minimum() {
        List<Row> rows = new ArrayList<>();
        double events = eventsPerPayment();
        for (Row r : strictMinimum()) {
            if (r.unit().equals("SNS publish")) {
                rows.add(new Row("SNS publish", "", "every event on the topic merchants subscribe to (contract), "
                        + "one PublishBatch request of their " + fmt(events) + " messages", r.perPayment(), r.usdPerMillion()));
            } else {
                rows.add(r);
            }
        }
        rows.add(new Row("DynamoDB WRU", "", "every event stored once for the events feed, 1 KB (contract)", events,
                events * Prices.DYNAMODB_WRU * 1e6));
        return rows;
    }

    /** The least a correct design needs per payment for the one webhook, in USD per million payments, by line. */
    List<Row> strictMinimum() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("API Gateway HTTP API request", "client", "create, attempt, authenticate", 3, 3 * Prices.HTTP_API_REQUEST * 1e6));
        double routeGbs = 0;
        double routeUsd = 0;
        for (Map.Entry<String, Invocations.Totals> e : invocations.entrySet()) {
            String f = e.getKey();
            if (f.equals(excluded) || f.equals(PUBLISHER) || f.equals(DISPATCHER)) {
                continue;
            }
            double gbs = gbSeconds(f, e.getValue().billedMillis()) / n;  // each route once per payment: all of it
            routeGbs += gbs;
            routeUsd += gbs * Prices.gbSecond(architecture(f));
        }
        rows.add(new Row("Lambda request", "routes, publisher, dispatcher", "one each: 3 + 1 + 1", 5, 5 * Prices.LAMBDA_REQUEST * 1e6));
        rows.add(new Row("Lambda GB-s", "the 3 routes", "as measured", routeGbs, routeUsd * 1e6));
        for (String f : List.of(PUBLISHER, DISPATCHER)) {
            Invocations.Totals t = invocations.get(f);
            if (t != null && t.invocations() > 0) {
                double gbs = gbSeconds(f, t.billedMillis()) / t.invocations();
                rows.add(new Row("Lambda GB-s", f, "one invocation at its measured mean", gbs, gbs * Prices.gbSecond(architecture(f)) * 1e6));
            }
        }
        rows.add(new Row("DynamoDB WRU", "", "intent created, attempt recorded, status changed: 1 KB each", 3, 3 * Prices.DYNAMODB_WRU * 1e6));
        rows.add(new Row("DynamoDB RRU", "", "API key, intent at attempt, intent at authentication, endpoints at delivery: "
                + "eventually consistent", 2, 2 * Prices.DYNAMODB_RRU * 1e6));
        rows.add(new Row("DynamoDB Streams record read", "", "the status change (free to Lambda)", 1, 0));
        rows.add(new Row("SNS publish", "", "the one event the merchant subscribed to", 1, Prices.SNS_PUBLISH * 1e6));
        rows.add(new Row("SQS request", "", "receive + delete (SNS's send to SQS is free)", 2, 2 * Prices.SQS_REQUEST * 1e6));
        return rows;
    }

    void print(java.io.PrintStream out) {
        List<Row> rows = rows();
        List<Row> minimum = minimum();
        double usd = rows.stream().mapToDouble(Row::usdPerMillion).sum();
        double min = minimum.stream().mapToDouble(Row::usdPerMillion).sum();
        double strict = strictMinimum().stream().mapToDouble(Row::usdPerMillion).sum();

        out.println();
        out.println("Raw counts over the measured payments (who|service|operation|unit = total):");
        ledger.forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, fmt(v)));
        invocations.forEach((f, t) -> out.printf(Locale.ROOT, "  %s|lambda|invoke = %d invocations, %d ms billed, %.1f ms measured%n",
                f, t.invocations(), t.billedMillis(), t.nanos() / 1e6));
        out.println();
        out.println("Where each unit goes, per payment (largest cost first):");
        out.println("| unit | who | operation | per payment | USD per million payments |");
        out.println("|---|---|---|---|---|");
        rows.forEach(r -> out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.4f |%n", r.unit(), r.who(), r.what(),
                fmt(r.perPayment()), r.usdPerMillion()));
        out.println();
        out.println("The least a correct design needs, per payment (the contract's: every event logged for the feed and on the topic):");
        out.println("| unit | who | what | per payment | USD per million payments |");
        out.println("|---|---|---|---|---|");
        minimum.forEach(r -> out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.4f |%n", r.unit(), r.who(), r.what(),
                fmt(r.perPayment()), r.usdPerMillion()));
        out.println();
        out.println("Left out (not a payment's): " + excluded + " (a schedule) and the event source mappings' empty polls: "
                + fmt(ledger.entrySet().stream().filter(e -> e.getKey().endsWith("|empty")).mapToDouble(Map.Entry::getValue).sum())
                + " over the run.");
        out.println();
        out.printf(Locale.ROOT, "payments=%d%n", n);
        out.printf(Locale.ROOT, "api_requests_per_payment=%s%n", fmt(sum(rows, "API Gateway")));
        out.printf(Locale.ROOT, "lambda_invocations_per_payment=%s%n", fmt(sum(rows, "Lambda request")));
        out.printf(Locale.ROOT, "lambda_gb_s_per_payment=%.5f%n", sum(rows, "Lambda GB-s"));
        out.printf(Locale.ROOT, "dynamodb_wru_per_payment=%s%n", fmt(sum(rows, "DynamoDB WRU")));
        out.printf(Locale.ROOT, "dynamodb_rru_per_payment=%s%n", fmt(sum(rows, "DynamoDB RRU")));
        out.printf(Locale.ROOT, "stream_records_per_payment=%s%n", fmt(sum(rows, "DynamoDB Streams")));
        out.printf(Locale.ROOT, "sns_publishes_per_payment=%s%n", fmt(sum(rows, "SNS")));
        out.printf(Locale.ROOT, "sqs_requests_per_payment=%s%n", fmt(sum(rows, "SQS")));
        out.printf(Locale.ROOT, "usd_per_million_payments=%.2f%n", usd);
        out.printf(Locale.ROOT, "events_per_payment=%s%n", fmt(eventsPerPayment()));
        out.printf(Locale.ROOT, "strict_minimum_usd_per_million_payments=%.2f%n", strict);
        out.printf(Locale.ROOT, "cost_vs_strict_minimum=%.2f%n", usd / strict);
        out.printf(Locale.ROOT, "minimum_usd_per_million_payments=%.2f%n", min);
        out.printf(Locale.ROOT, "cost_vs_minimum=%.2f%n", usd / min);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
