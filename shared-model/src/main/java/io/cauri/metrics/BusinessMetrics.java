package io.cauri.metrics;

import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.cauri.metrics.MetricNames.COUNTRY;
import static io.cauri.metrics.MetricNames.FAILURE_CODE;
import static io.cauri.metrics.MetricNames.MODE;
import static io.cauri.metrics.MetricNames.OPERATOR;
import static io.cauri.metrics.MetricNames.OUTCOME;

/**
 * The business metrics, each emitted from the one place that sees every occurrence once:
 * <ul>
 *   <li>intents created, payment attempts, their outcomes and time to final status: from the stream
 *       publisher, which reads every stored change of an intent (old and new image) once it is published
 *       ({@link #intentChanged}); a record the stream delivers again after a failed batch may count again,
 *       as its events are announced again;</li>
 *   <li>webhook deliveries and their latency: from the dispatcher, once per attempt as it is settled;</li>
 *   <li>lags: the stream publisher's (now minus the stream record's creation) and the dispatcher's (now minus
 *       the event's creation, when the event first arrives from the topic).</li>
 * </ul>
 * Dimension values are bounded sets: the mode, a covered country and operator (checked before a payment is
 * stored), a failure code of the catalogue, an outcome.
 */
@Singleton
public class BusinessMetrics {
    private static final String UNKNOWN = "unknown";

    private final Metrics metrics;

    public BusinessMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** What one stored change of an intent counts: {@code before} null for a new intent, {@code after} null for a removal. */
    public void intentChanged(PaymentIntent before, PaymentIntent after) {
        if (after == null) {
            return;
        }
        String mode = after.mode() == null ? UNKNOWN : after.mode().wire();
        if (before == null) {
            count(MetricNames.INTENTS_CREATED, dims(MODE, mode), List.of(List.of(MODE)));
        }
        Map<String, Payment> previous = new LinkedHashMap<>();
        if (before != null) {
            before.payments().forEach(p -> previous.put(p.id(), p));
        }
        for (Payment payment : after.payments()) {
            Payment was = previous.get(payment.id());
            Map<String, String> route = dims(MODE, mode, COUNTRY, value(payment.country()), OPERATOR, value(payment.provider()));
            if (was == null) {
                count(MetricNames.PAYMENT_ATTEMPTS, route, List.of(List.of(MODE, COUNTRY, OPERATOR)));
            }
            if (!payment.status().isFinal() || (was != null && was.status() == payment.status())) {
                continue;
            }
            if (payment.status() == PaymentStatus.SUCCESSFUL) {
                count(MetricNames.PAYMENTS_SUCCEEDED, route, List.of(List.of(MODE, COUNTRY, OPERATOR)));
            } else {
                Map<String, String> failed = new LinkedHashMap<>(route);
                failed.put(FAILURE_CODE, payment.failure() == null || payment.failure().code() == null ? UNKNOWN
                        : payment.failure().code().wire());
                count(MetricNames.PAYMENTS_FAILED, failed,
                        List.of(List.of(MODE, COUNTRY, OPERATOR), List.of(MODE, COUNTRY, OPERATOR, FAILURE_CODE)));
            }
            if (payment.createdAt() != null && payment.updatedAt() != null) {
                metrics.emit(new Measurement(dims(MODE, mode, OPERATOR, value(payment.provider())),
                        List.of(List.of(MODE, OPERATOR)), List.of(new Metric(MetricNames.TIME_TO_FINAL_STATUS,
                        MetricUnit.MILLISECONDS, millis(payment.createdAt(), payment.updatedAt())))));
            }
        }
    }

    /** The stream publisher read a record the stream created at {@code created}. */
    public void streamPublisherLag(Instant created, Instant now) {
        lag(MetricNames.STREAM_PUBLISHER_LAG, created, now);
    }

    /** The dispatcher received from the topic an event created at {@code created}. */
    public void dispatcherLag(Instant created, Instant now) {
        lag(MetricNames.DISPATCHER_LAG, created, now);
    }

    /** One delivery attempt settled: delivered (a 2xx) or not, and how long the endpoint took. */
    public void webhookDelivery(boolean delivered, long latencyMillis) {
        count(MetricNames.WEBHOOK_DELIVERIES, dims(OUTCOME, delivered ? MetricNames.DELIVERED : MetricNames.FAILED),
                List.of(List.of(OUTCOME)));
        metrics.emit(Measurement.of(new Metric(MetricNames.WEBHOOK_DELIVERY_LATENCY, MetricUnit.MILLISECONDS,
                Math.max(0, latencyMillis))));
    }

    /** A webhook endpoint was disabled for failing. */
    public void webhookEndpointDisabled() {
        metrics.emit(Measurement.of(new Metric(MetricNames.WEBHOOK_ENDPOINTS_DISABLED, MetricUnit.COUNT, 1)));
    }

    private void lag(String name, Instant created, Instant now) {
        if (created != null && now != null) {
            metrics.emit(Measurement.of(new Metric(name, MetricUnit.MILLISECONDS, millis(created, now))));
        }
    }

    private void count(String name, Map<String, String> dimensions, List<List<String>> sets) {
        metrics.emit(new Measurement(dimensions, sets, List.of(new Metric(name, MetricUnit.COUNT, 1))));
    }

    /** Never negative: clocks of two machines may disagree by a little. */
    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static String value(String dimension) {
        return dimension == null || dimension.isBlank() ? UNKNOWN : dimension;
    }

    private static Map<String, String> dims(String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], Objects.requireNonNull(namesAndValues[i + 1]));
        }
        return out;
    }
}
