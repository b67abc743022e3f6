package io.cauri.webhook;

import java.time.Duration;

/** Port: the webhook queue, for the dispatcher's own delayed messages (retries, resends). */
public interface DeliveryQueue {

    /** Sends the message, delivered after {@code delay} (at most 15 minutes; longer is clamped). */
    void send(DeliveryMessage message, Duration delay);

    /** A delivery whose last attempt failed: kept in the dead-letter queue for operators, if there is one. */
    void deadLetter(DeliveryMessage message);
}
