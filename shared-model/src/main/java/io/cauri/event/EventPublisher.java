package io.cauri.event;

import java.util.List;
import java.util.Optional;

/**
 * Port: announce an event to every subscriber (in AWS the SNS topic {@code payment-events}, whose message
 * attributes {@code type}, {@code merchantId} and {@code mode} subscribers filter on). Throws if the event
 * may not have been published; publishing the same event twice is allowed (ids are stable, consumers
 * de-duplicate).
 */
public interface EventPublisher {
    void publish(EventEnvelope event);

    /**
     * Publishes the events in their order, as few requests as the transport allows (SNS: up to ten a request).
     * Empty if every event was published; otherwise the first event that may not have been and why: the events
     * before it were published, the events after it may or may not have been (a caller publishes again from
     * the failed one: at least once). This default publishes one at a time.
     */
    default Optional<Unpublished> publishAll(List<EventEnvelope> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                publish(events.get(i));
            } catch (RuntimeException e) {
                return Optional.of(new Unpublished(i, e));
            }
        }
        return Optional.empty();
    }

    /** The index (in the list given to {@link #publishAll}) of the first event that may not have been published. */
    record Unpublished(int index, RuntimeException failure) {
    }
}
