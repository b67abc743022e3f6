package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Where an event sits in its merchant's feed: the time it was first logged, then its id. Logging time, not
     * the event's {@code createdAt}: a publisher that lags logs old events late, and they must land after any
     * position a merchant has already read, not behind it.
     */
    record FeedPosition(Instant loggedAt, String eventId) {
    }

    /** A page of the feed: its events oldest first, whether more follow, and where the next page starts after. */
    record FeedPage(List<EventEnvelope> events, boolean hasMore, FeedPosition last) {
    }

    /** The feed position of an event of this merchant and mode still kept at {@code now}; empty otherwise. */
    Optional<FeedPosition> feedPosition(String merchantId, Mode mode, String eventId, Instant now);

    /**
     * The merchant's events in {@code mode} logged after {@code after} (null: from the oldest kept) and before
     * {@code loggedBefore}, oldest first, of the given types (empty: every type), none expired at {@code now};
     * at most {@code limit}. {@code last} is the last event returned, or how far the read went when a type
     * filter skipped the rest of a bounded read, or {@code after} when nothing was found.
     */
    FeedPage feed(String merchantId, Mode mode, FeedPosition after, Set<EventType> types, int limit,
                  Instant loggedBefore, Instant now);
}
