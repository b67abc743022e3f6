package io.cauri.webhook;

import java.time.Instant;
import java.util.List;

/**
 * The delivery of one event to one endpoint, across its attempts. {@code attempts} counts the attempts
 * made; attempt {@code n + 1} may start only while the delivery is PENDING with {@code attempts == n} and no
 * live lease — which is what keeps duplicated queue messages from delivering twice.
 * {@code scheduledAttempt} is the highest attempt whose queue message was sent; {@code reason} says why a
 * CANCELED delivery stopped.
 */
public record Delivery(
        String eventId,
        String endpointId,
        String url,
        Status status,
        int attempts,
        int scheduledAttempt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        String leaseId,
        Instant leaseUntil,
        Instant createdAt,
        String reason,
        List<Attempt> history) {

    public enum Status {
        /** Attempts remain (or the first is about to be made). */
        PENDING,
        /** A 2xx arrived in time. */
        SUCCEEDED,
        /** Every attempt failed; the endpoint was marked failing. */
        FAILED,
        /** Stopped without success: the endpoint answered 410 Gone, was disabled or deleted. */
        CANCELED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One attempt: when, the HTTP status if an answer came, else why not, and how long it took. */
    public record Attempt(int number, Instant at, Integer responseStatus, String error, long durationMillis) {
    }

    public Delivery {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public boolean leaseIsLive(Instant now) {
        return leaseId != null && leaseUntil != null && now.isBefore(leaseUntil);
    }
}
