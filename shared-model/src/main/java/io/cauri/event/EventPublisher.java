package io.cauri.event;

/**
 * Port: announce an event to every subscriber (in AWS the SNS topic {@code payment-events}, whose message
 * attributes {@code type}, {@code merchantId} and {@code mode} subscribers filter on). Throws if the event
 * may not have been published; publishing the same event twice is allowed (ids are stable, consumers
 * de-duplicate).
 */
public interface EventPublisher {
    void publish(EventEnvelope event);
}
