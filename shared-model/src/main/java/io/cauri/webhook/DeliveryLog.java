package io.cauri.webhook;

import io.cauri.event.EventEnvelope;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the events the dispatcher received and their deliveries, kept for a while (TTL) so merchants can
 * see them ({@code GET /payment-intents/{id}/events}) and resend them. Every write is conditional, so
 * duplicated queue messages and concurrent dispatchers agree on who makes each attempt.
 */
public interface DeliveryLog {

    /** Stores the event if it is not there yet (the same id always has the same body). */
    void recordEvent(EventEnvelope event);

    Optional<EventEnvelope> event(String eventId);

    /** Creates the PENDING delivery with no attempt yet, unless one exists; returns the stored delivery. */
    Delivery open(EventEnvelope event, WebhookEndpoint endpoint, Instant now);

    Optional<Delivery> delivery(String eventId, String endpointId);

    /**
     * Claims the next attempt: succeeds only if the delivery is PENDING, has made exactly
     * {@code attemptsMade} attempts and no one else holds a live lease. Returns the lease id.
     */
    Optional<String> lease(String eventId, String endpointId, int attemptsMade, Instant now, Instant leaseUntil);

    /**
     * Records attempt {@code attempt.number()} made under {@code leaseId} and the delivery's new status;
     * releases the lease. {@code nextAttemptAt} is set for a PENDING delivery, else null. False if the lease
     * was lost (the delivery changed meanwhile).
     */
    boolean recordAttempt(String eventId, String endpointId, String leaseId, Delivery.Attempt attempt,
                          Delivery.Status status, Instant nextAttemptAt);

    /** Notes that the queue message for {@code attempt} was sent (never lowers the value). */
    void markScheduled(String eventId, String endpointId, int attempt);

    /** Ends a PENDING delivery without success (endpoint gone or disabled). */
    void cancel(String eventId, String endpointId, String reason, Instant now);

    /**
     * Starts a finished (not PENDING) delivery over, for a resend: PENDING, no attempt made, history kept.
     * False if it is PENDING (its attempts are still running).
     */
    boolean restart(String eventId, String endpointId, Instant now);

    /** An event with its deliveries. */
    record LoggedEvent(EventEnvelope event, List<Delivery> deliveries) {
    }

    /** The events of an intent, oldest first, each with its deliveries. */
    List<LoggedEvent> eventsOfIntent(String intentId);
}
