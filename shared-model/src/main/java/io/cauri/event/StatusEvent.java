package io.cauri.event;

import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;

import java.time.Instant;

/**
 * One status change of an intent or of one of its payments, as read from the intents table's stream.
 * {@code payment} is set for {@code payment.*} events, null for {@code payment_intent.*} ones; {@code intent}
 * is always the intent as stored by the write that made the change. {@code sequence} orders the events of one
 * intent: it grows strictly with every event, in the order the changes were stored (see {@link StatusEvents}).
 */
public record StatusEvent(String id, EventType type, Instant createdAt, PaymentIntent intent, Payment payment,
                          long sequence) {

    /** An event that is the first of its intent's write (tests, tools). */
    public StatusEvent(String id, EventType type, Instant createdAt, PaymentIntent intent, Payment payment) {
        this(id, type, createdAt, intent, payment, StatusEvents.sequence(intent, 0));
    }

    public String merchantId() {
        return intent.merchantId();
    }

    public Mode mode() {
        return intent.mode();
    }

    public String intentId() {
        return intent.id();
    }

    /** The id of the object whose status changed: the payment's for payment events, else the intent's. */
    public String objectId() {
        return payment != null ? payment.id() : intent.id();
    }
}
