package io.cauri.event;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: announce an event to every subscriber (in AWS the SNS topic {@code payment-events}, whose message
 * attributes {@code type}, {@code merchantId} and {@code mode} subscribers filter on, and {@code webhooks} the
 * webhook queue's subscription does). Throws if the event
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

    /**
     * The same, each event marked with whether a webhook endpoint may want it ({@code webhooksWant}): false where no
     * endpoint of its merchant and mode subscribes to its type, null where that is not known. The transport keeps an
     * event marked false away from the webhook dispatcher (SNS: the filter policy of the dispatcher queue's
     * subscription, template.yaml), which would only have found no endpoint for it; every other subscriber of the
     * topic still gets it. This default ignores the marks.
     */
    default Optional<Unpublished> publishAll(List<EventEnvelope> events, Function<EventEnvelope, Boolean> webhooksWant) {
        return publishAll(events);
    }

    /** The index (in the list given to {@link #publishAll}) of the first event that may not have been published. */
    record Unpublished(int index, RuntimeException failure) {
    }
}
