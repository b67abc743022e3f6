package io.cauri.webhook;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The queue message that asks the dispatcher for attempt {@code attempt} of one event to one endpoint, not
 * before {@code notBefore} (epoch milliseconds). SQS delays a message at most 15 minutes: a message that
 * arrives early is sent on again with the time left, so longer back-offs take several hops.
 */
@Serdeable
public record DeliveryMessage(String eventId, String endpointId, String merchantId, String mode, int attempt,
                              long notBefore) {
    /** SQS message attribute {@value} = {@value #KIND_DELIVERY} marks these; events from SNS carry none. */
    public static final String KIND_ATTRIBUTE = "kind";
    public static final String KIND_DELIVERY = "delivery";
}
