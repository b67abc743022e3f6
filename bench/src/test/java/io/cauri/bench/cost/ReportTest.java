package io.cauri.bench.cost;

import io.cauri.localapi.Invocations;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minimum bench/cost compares against: the strict one (the one webhook) and the contract's, which adds what
 * docs/CONTRACT.md makes unavoidable — every event stored once for the events feed and announced once on the topic —
 * counted from the events the publisher announced, each once.
 */
class ReportTest {

    static Report report() {
        Map<String, Double> ledger = new LinkedHashMap<>();
        // 2 payments, 9 events each: 7 published one by one, 2 in one batch
        ledger.put(Report.PUBLISHER + "|sns|Publish|messages", 14.0);
        ledger.put(Report.PUBLISHER + "|sns|PublishBatch|messages", 4.0);
        ledger.put(Report.PUBLISHER + "|sns|Publish|billed", 14.0);
        ledger.put(Report.PUBLISHER + "|sns|PublishBatch|billed", 2.0);
        Map<String, Invocations.Totals> invocations = new LinkedHashMap<>();
        for (String f : List.of("CreateIntentFunction", Report.PUBLISHER, Report.DISPATCHER)) {
            invocations.put(f, new Invocations.Totals(2, 200, 200_000_000L));
        }
        Map<String, Object[]> memory = new LinkedHashMap<>();
        invocations.keySet().forEach(f -> memory.put(f, new Object[]{1024, "x86_64"}));
        return new Report(2, 6, ledger, invocations, memory, "ExpireIntentsFunction");
    }

    static double usd(List<Report.Row> rows) {
        return rows.stream().mapToDouble(Report.Row::usdPerMillion).sum();
    }

    @Test
    void theContractsMinimumCountsEveryEventOnceInTheFeedAndOnTheTopic() {
        Report report = report();
        assertEquals(9, report.eventsPerPayment(), 1e-9);
        double strict = usd(report.strictMinimum());
        double contract = usd(report.minimum());
        // 9 events stored (1 WRU each) and 9 announced where the strict minimum has 1 publish
        // the feed's 9 writes; SNS bills a PublishBatch by the request's 64 KB chunks: the 9 messages are one request
        assertEquals(9 * Prices.DYNAMODB_WRU * 1e6, contract - strict, 1e-6);
        assertTrue(report.minimum().stream().anyMatch(r -> r.unit().equals("SNS publish") && r.perPayment() == 1));
        assertTrue(report.strictMinimum().stream().anyMatch(r -> r.unit().equals("SNS publish") && r.perPayment() == 1));
    }

    @Test
    void bothMinimaAndTheirRatiosArePrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report().print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String line : List.of("events_per_payment=9", "strict_minimum_usd_per_million_payments=",
                "cost_vs_strict_minimum=", "minimum_usd_per_million_payments=", "cost_vs_minimum=")) {
            assertTrue(printed.contains("\n" + line), line + " in\n" + printed);
        }
    }

    /** A meter that failed in a function (its classes missing there, say) fails the run instead of under-counting it. */
    @Test
    void aMeterErrorFailsTheReport() {
        Report report = report();
        Map<String, Double> ledger = new LinkedHashMap<>(Map.of("AttemptPaymentFunction|meter|error|java.lang.NoClassDefFoundError: X", 1.0));
        Report failing = new Report(2, 6, ledger, Map.of(), Map.of(), "ExpireIntentsFunction");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, failing::rows);
        assertTrue(e.getMessage().contains("AttemptPaymentFunction") && e.getMessage().contains("NoClassDefFoundError"), e.getMessage());
        assertTrue(report.rows().size() > 0);
    }

    /** The meter's own reads inside a function (a transaction's items) are taken off the function's billed time. */
    @Test
    void theMetersReadsAreNotBilledToTheFunction() {
        Map<String, Invocations.Totals> invocations = Map.of("AttemptPaymentFunction", new Invocations.Totals(2, 100, 95_000_000L),
                "CreateIntentFunction", new Invocations.Totals(2, 40, 38_000_000L));
        var less = CostRun.withoutMeterReads(invocations, Map.of("AttemptPaymentFunction|meter|reads|nanos", 12_400_000.0));
        assertEquals(new Invocations.Totals(2, 88, 82_600_000L), less.get("AttemptPaymentFunction"));
        assertEquals(invocations.get("CreateIntentFunction"), less.get("CreateIntentFunction"));
    }
}
