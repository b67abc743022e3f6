package io.cauri.event;

import io.cauri.id.Ids;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Derives the events of one write of an intent from its old and new images (the stream's
 * NEW_AND_OLD_IMAGES): {@code payment_intent.created} for a new intent, then one {@code payment.*} event per
 * payment whose status changed (or that is new), then one {@code payment_intent.*} event if the intent's
 * status changed. A write that changes no status (a provider reference, say) yields nothing.
 * <p>
 * Event ids are a hash of the stream record's id, the type and the object: a record delivered again
 * yields the same ids, so downstream de-duplication holds across retries.
 * <p>
 * Each event carries its intent's {@code sequence}: the intent's version (every stored write adds one, under
 * a condition, so versions order an intent's writes) times {@value #PER_WRITE}, plus the event's position in
 * its write. It is derived from the record alone, so a record delivered again yields the same numbers, and it
 * grows strictly with every event of the intent (not by steps of one: a write yields one to three events).
 */
public final class StatusEvents {
    /** Room for the events of one write (at most three: created or a payment's change, and the intent's). */
    static final long PER_WRITE = 1000;

    private StatusEvents() {
    }

    /** The sequence number of the {@code position}-th event (0-based) of the write that stored {@code intent}. */
    public static long sequence(PaymentIntent intent, int position) {
        if (position < 0 || position >= PER_WRITE) {
            throw new IllegalArgumentException("a write yields fewer than " + PER_WRITE + " events");
        }
        long version = intent.version() == null ? 0 : intent.version();
        return Math.multiplyExact(version, PER_WRITE) + position;
    }

    /** {@code before} is null for an INSERT; a REMOVE ({@code after} null) announces nothing. */
    public static List<StatusEvent> derive(String recordId, PaymentIntent before, PaymentIntent after) {
        if (after == null) {
            return List.of();
        }
        List<StatusEvent> events = new ArrayList<>();
        if (before == null) {
            events.add(event(recordId, EventType.PAYMENT_INTENT_CREATED, after, null));
        }
        Map<String, Payment> previous = before == null ? Map.of()
                : before.payments().stream().collect(Collectors.toMap(Payment::id, Function.identity(), (a, b) -> b));
        for (Payment payment : after.payments()) {
            Payment was = previous.get(payment.id());
            if (was == null || was.status() != payment.status()) {
                events.add(event(recordId, paymentType(payment.status()), after, payment));
            }
        }
        if (before != null && before.status() != after.status()) {
            events.add(event(recordId, intentType(after.status()), after, null));
        }
        List<StatusEvent> numbered = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            StatusEvent e = events.get(i);
            numbered.add(new StatusEvent(e.id(), e.type(), e.createdAt(), e.intent(), e.payment(), sequence(after, i)));
        }
        return numbered;
    }

    static EventType intentType(IntentStatus status) {
        return switch (status) {
            // back to payment_required: an attempt failed and another one is allowed
            case PAYMENT_REQUIRED -> EventType.PAYMENT_INTENT_PAYMENT_FAILED;
            case PROCESSING -> EventType.PAYMENT_INTENT_PROCESSING;
            case ACTION_REQUIRED -> EventType.PAYMENT_INTENT_ACTION_REQUIRED;
            case SUCCESSFUL -> EventType.PAYMENT_INTENT_SUCCESSFUL;
            case CANCELED -> EventType.PAYMENT_INTENT_CANCELED;
        };
    }

    static EventType paymentType(PaymentStatus status) {
        return switch (status) {
            case PROCESSING -> EventType.PAYMENT_PROCESSING;
            case ACTION_REQUIRED -> EventType.PAYMENT_ACTION_REQUIRED;
            case SUCCESSFUL -> EventType.PAYMENT_SUCCESSFUL;
            case FAILED -> EventType.PAYMENT_FAILED;
        };
    }

    private static StatusEvent event(String recordId, EventType type, PaymentIntent intent, Payment payment) {
        String objectId = payment != null ? payment.id() : intent.id();
        var at = payment != null ? payment.updatedAt() : intent.updatedAt();
        if (type == EventType.PAYMENT_INTENT_CREATED) {
            at = intent.createdAt();
        }
        return new StatusEvent(eventId(recordId, type, objectId), type, at, intent, payment);
    }

    /** {@code evt_} + 21 characters of a SHA-256 of the record id, type and object: stable, unguessable enough. */
    public static String eventId(String recordId, EventType type, String objectId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((recordId + "\n" + type.wire() + "\n" + objectId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return Ids.fromHash(Ids.EVENT, hash);
    }
}
