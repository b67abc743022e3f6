package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.intent.IntentNotFoundException;
import io.cauri.intent.IntentRepository;
import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a merchant sees of its events and can do with them: the events of one of its intents with their
 * delivery state, and a resend of one event to its endpoints.
 */
@Singleton
@Requires(beans = DeliveryQueue.class)
public class WebhookDeliveries {
    private final IntentRepository intents;
    private final DeliveryLog log;
    private final WebhookRepository endpoints;
    private final DeliveryQueue queue;
    private final Clock clock;

    public WebhookDeliveries(IntentRepository intents, DeliveryLog log, WebhookRepository endpoints,
                             DeliveryQueue queue, Clock clock) {
        this.intents = intents;
        this.log = log;
        this.endpoints = endpoints;
        this.queue = queue;
        this.clock = clock;
    }

    /** The intent's events, oldest first; 404 (IntentNotFoundException) for another merchant's or mode's intent. */
    public List<DeliveryLog.LoggedEvent> eventsOfIntent(Caller caller, String intentId) {
        // an id that cannot be an intent's is not looked up: DynamoDB refuses empty or oversized keys (a 500)
        if (!Ids.looksLike(Ids.INTENT, intentId)) {
            throw new IntentNotFoundException(intentId);
        }
        intents.find(intentId).filter(i -> i.isOwnedBy(caller.merchantId(), caller.mode()))
                .orElseThrow(() -> new IntentNotFoundException(intentId));
        return log.eventsOfIntent(intentId);
    }

    /** What a resend did for one endpoint. */
    public record Resent(String endpointId, String outcome) {
        /** A new round of attempts was queued. */
        public static final String QUEUED = "queued";
        /** Its attempts are still running: nothing added. */
        public static final String ALREADY_PENDING = "already_pending";
        /** A final-state event the endpoint already received: sent once only. */
        public static final String ALREADY_DELIVERED = "already_delivered";
    }

    /**
     * Queues the event again for every enabled endpoint subscribed to it now. Empty if the event is unknown
     * (expired, or another merchant's).
     */
    public Optional<List<Resent>> resend(Caller caller, String eventId) {
        if (!Ids.looksLike(Ids.EVENT, eventId)) {
            return Optional.empty();
        }
        Optional<EventEnvelope> found = log.event(eventId)
                .filter(e -> e.merchantId().equals(caller.merchantId()) && e.mode() == caller.mode());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EventEnvelope event = found.get();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        List<Resent> result = new ArrayList<>();
        for (WebhookEndpoint endpoint : endpoints.list(caller.merchantId(), caller.mode())) {
            if (!endpoint.isEnabled() || !endpoint.subscribesTo(event.type())) {
                continue;
            }
            Optional<Delivery> delivery = log.delivery(eventId, endpoint.id());
            String outcome;
            if (delivery.isEmpty()) {
                log.open(event, endpoint, now);
                outcome = Resent.QUEUED;
            } else if (delivery.get().status() == Delivery.Status.PENDING) {
                outcome = Resent.ALREADY_PENDING;
            } else if (delivery.get().status() == Delivery.Status.SUCCEEDED && event.type().isFinalState()) {
                outcome = Resent.ALREADY_DELIVERED;
            } else {
                outcome = log.restart(eventId, endpoint.id(), now) ? Resent.QUEUED : Resent.ALREADY_PENDING;
            }
            if (Resent.QUEUED.equals(outcome)) {
                queue.send(new DeliveryMessage(eventId, endpoint.id(), endpoint.merchantId(), endpoint.mode().wire(), 1,
                        now.toEpochMilli()), Duration.ZERO);
            }
            result.add(new Resent(endpoint.id(), outcome));
        }
        return Optional.of(result);
    }
}
