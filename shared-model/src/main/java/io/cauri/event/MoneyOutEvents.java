package io.cauri.event;

import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the events of one write of a refund or a transfer from its old and new images (the ledger table's
 * stream, NEW_AND_OLD_IMAGES): {@code *.created} for a new one, and {@code *.succeeded} / {@code *.failed} when
 * its status becomes final (on the insert itself too, should it be stored already final). A write that changes no
 * status (a provider reference, say) yields nothing; so does a removal.
 * <p>
 * As for intents ({@link StatusEvents}): event ids are a hash of the stream record's id, the type and the
 * object, so a record delivered again yields the same ids; {@code sequence} is the object's version (one more
 * with every conditional write) times {@value StatusEvents#PER_WRITE} plus the event's position in its write,
 * so it grows with every event of the object and is the same on a redelivery.
 */
public final class MoneyOutEvents {

    private MoneyOutEvents() {
    }

    /** {@code before} is null for an INSERT; a REMOVE ({@code after} null) announces nothing. */
    public static List<MoneyOutEvent> derive(String recordId, Transfer before, Transfer after) {
        if (after == null) {
            return List.of();
        }
        List<EventType> types = new ArrayList<>(2);
        if (before == null) {
            types.add(EventType.TRANSFER_CREATED);
        }
        if (after.status().isFinal() && (before == null || before.status() != after.status())) {
            types.add(after.status() == TransferStatus.SUCCESSFUL ? EventType.TRANSFER_SUCCEEDED : EventType.TRANSFER_FAILED);
        }
        List<MoneyOutEvent> events = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            EventType type = types.get(i);
            events.add(new MoneyOutEvent(StatusEvents.eventId(recordId, type, after.id()), type,
                    at(type, after.createdAt(), after.updatedAt()), after, null, sequence(after.version(), i)));
        }
        return events;
    }

    /** {@code before} is null for an INSERT; a REMOVE ({@code after} null) announces nothing. */
    public static List<MoneyOutEvent> derive(String recordId, Refund before, Refund after) {
        if (after == null) {
            return List.of();
        }
        List<EventType> types = new ArrayList<>(2);
        if (before == null) {
            types.add(EventType.REFUND_CREATED);
        }
        if (after.status().isFinal() && (before == null || before.status() != after.status())) {
            types.add(after.status() == RefundStatus.SUCCEEDED ? EventType.REFUND_SUCCEEDED : EventType.REFUND_FAILED);
        }
        List<MoneyOutEvent> events = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            EventType type = types.get(i);
            events.add(new MoneyOutEvent(StatusEvents.eventId(recordId, type, after.id()), type,
                    at(type, after.createdAt(), after.updatedAt()), null, after, sequence(after.version(), i)));
        }
        return events;
    }

    /** A creation is dated when the object was created; a status change when the write that made it was. */
    private static Instant at(EventType type, Instant createdAt, Instant updatedAt) {
        boolean created = type == EventType.TRANSFER_CREATED || type == EventType.REFUND_CREATED;
        return created || updatedAt == null ? createdAt : updatedAt;
    }

    private static long sequence(Long version, int position) {
        return Math.multiplyExact(version == null ? 0 : version, StatusEvents.PER_WRITE) + position;
    }
}
