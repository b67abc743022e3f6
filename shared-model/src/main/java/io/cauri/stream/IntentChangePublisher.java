package io.cauri.stream;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.event.StatusEvents;
import io.cauri.intent.PaymentIntent;
import io.cauri.webhook.DeliveryLog;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The stream publisher's work for one stream record of the intents table, once its images are read as
 * intents (the adapter's part, {@code IntentStreamImages}): intents to events; each event stored in the delivery log, then published, in order. The log holds every event before
 * its announcement leaves: it is the claim check of an event too large for the topic
 * ({@link EventBodies#forTopic}), and it tells the dispatcher which earlier events of an intent exist (to
 * deliver them in order). If a publish fails the exception propagates: the record is then delivered again and
 * its events re-derived with the same ids. A failure that would recur every time (images that cannot be
 * mapped, a service's deterministic refusal) is a {@link PoisonRecordException}.
 */
@Singleton
@Requires(beans = EventPublisher.class)
public class IntentChangePublisher {
    private final EventPublisher publisher;
    private final DeliveryLog log;
    private final JsonMapper json;

    public IntentChangePublisher(EventPublisher publisher, DeliveryLog log, JsonMapper json) {
        this.publisher = publisher;
        this.log = log;
        this.json = json;
    }

    /** Publishes the record's events and returns them. An intent is null when the record has no such image. */
    public List<EventEnvelope> publish(String recordId, PaymentIntent before, PaymentIntent after) {
        return publish(recordId, before, after, null);
    }

    /**
     * The same, the events carrying {@code correlationId}: the id of what caused the write (read from its new image),
     * null if unknown.
     */
    public List<EventEnvelope> publish(String recordId, PaymentIntent before, PaymentIntent after, String correlationId) {
        List<EventEnvelope> events = derive(recordId, before, after, correlationId);
        announce(publisher, log, json, events);
        return events;
    }

    /**
     * The first half of {@link #publish}, for a caller that announces a whole stream batch's events together
     * ({@link #forTopic}, {@link EventPublisher#publishAll}): the record's events, each stored in the delivery
     * log, in order. The caller must announce them only after this returns (the log holds every event before its
     * announcement leaves).
     */
    public List<EventEnvelope> logged(String recordId, PaymentIntent before, PaymentIntent after, String correlationId) {
        List<EventEnvelope> events = derive(recordId, before, after, correlationId);
        log(log, events);
        return events;
    }

    /** An event as it goes on the topic (its body claim-checked if too large): what {@link #logged} callers announce. */
    public EventEnvelope forTopic(EventEnvelope event) {
        return EventBodies.forTopic(json, event);
    }

    private List<EventEnvelope> derive(String recordId, PaymentIntent before, PaymentIntent after, String correlationId) {
        try {
            return StatusEvents.derive(recordId, before, after).stream()
                    .map(e -> EventBodies.envelope(json, e, correlationId))
                    .toList();
        } catch (RuntimeException e) {
            throw new PoisonRecordException("stream record " + recordId + " cannot be read as an intent", e);
        }
    }

    /**
     * Each event stored in the delivery log, in order, one conditional PutItem each (not BatchWriteItem: an event
     * is stored once, its feed position never moving, which takes the condition BatchWriteItem cannot carry): a
     * deterministic refusal is a {@link PoisonRecordException}, any other failure propagates.
     */
    static void log(DeliveryLog log, List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            try {
                log.recordEvent(event);
            } catch (RuntimeException e) {
                if (PoisonRecordException.isDeterministic(e)) {
                    throw new PoisonRecordException("event " + event.id() + " was refused: " + e, e);
                }
                throw e;
            }
        }
    }

    /**
     * Each event stored in the delivery log, then published, in order (shared with
     * {@link MoneyOutChangePublisher}): a deterministic refusal is a {@link PoisonRecordException}, any other
     * failure propagates (the record is delivered again).
     */
    static void announce(EventPublisher publisher, DeliveryLog log, JsonMapper json, List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            try {
                log.recordEvent(event);
                publisher.publish(EventBodies.forTopic(json, event));
            } catch (RuntimeException e) {
                if (PoisonRecordException.isDeterministic(e)) {
                    throw new PoisonRecordException("event " + event.id() + " was refused: " + e, e);
                }
                throw e;
            }
        }
    }
}
