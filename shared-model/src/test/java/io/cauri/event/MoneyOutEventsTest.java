package io.cauri.event;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refund and transfer events from a stream record's old and new images. */
class MoneyOutEventsTest {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00.000Z");
    static final Instant T1 = T0.plusSeconds(5);

    static Transfer transfer(TransferStatus status, long version, Instant updatedAt) {
        return new Transfer("tr_1", "m_1", Mode.SANDBOX, "ref-1", 25_000, Currency.XOF, null,
                new Destination("mobile_money", "CI", "Awa", "+2250700000001", "orange"), status,
                status == TransferStatus.FAILED ? "recipient_unreachable" : null, null, null, null, T0, updatedAt, version);
    }

    static Refund refund(RefundStatus status, long version, Instant updatedAt) {
        return new Refund("re_1", "m_1", Mode.LIVE, "pi_1", "pay_1", 2_000, Currency.XOF, null, status, null, null, null,
                null, Map.of(), T0, updatedAt, version);
    }

    static List<String> types(List<MoneyOutEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    @Test
    void aNewTransferIsCreatedThenItsFinalStatusIsOneEventAndOtherWritesNone() {
        Transfer pending = transfer(TransferStatus.PENDING, 1, T0);
        List<MoneyOutEvent> created = MoneyOutEvents.derive("rec-1", null, pending);
        assertEquals(List.of("transfer.created"), types(created));
        assertEquals(T0, created.get(0).createdAt());
        assertEquals(1_000, created.get(0).sequence());
        assertEquals("tr_1", created.get(0).objectId());

        Transfer noted = transfer(TransferStatus.PENDING, 2, T0.plusSeconds(1));
        assertEquals(List.of(), MoneyOutEvents.derive("rec-2", pending, noted), "no status change, no event");

        Transfer paid = transfer(TransferStatus.SUCCESSFUL, 3, T1);
        List<MoneyOutEvent> succeeded = MoneyOutEvents.derive("rec-3", noted, paid);
        assertEquals(List.of("transfer.succeeded"), types(succeeded));
        assertEquals(T1, succeeded.get(0).createdAt());
        assertEquals(3_000, succeeded.get(0).sequence());
        assertEquals(List.of("transfer.failed"),
                types(MoneyOutEvents.derive("rec-4", noted, transfer(TransferStatus.FAILED, 3, T1))));
        assertEquals(List.of(), MoneyOutEvents.derive("rec-5", paid, null), "a removal announces nothing");
        assertEquals(List.of(), MoneyOutEvents.derive("rec-6", paid, transfer(TransferStatus.SUCCESSFUL, 4, T1)));
    }

    @Test
    void aTransferStoredAlreadyFinalIsCreatedThenFinalInOrder() {
        List<MoneyOutEvent> events = MoneyOutEvents.derive("rec-1", null, transfer(TransferStatus.FAILED, 1, T1));
        assertEquals(List.of("transfer.created", "transfer.failed"), types(events));
        assertTrue(events.get(0).sequence() < events.get(1).sequence());
    }

    @Test
    void aRefundIsCreatedThenSucceedsOrFails() {
        Refund pending = refund(RefundStatus.PENDING, 1, T0);
        assertEquals(List.of("refund.created"), types(MoneyOutEvents.derive("rec-1", null, pending)));
        assertEquals(List.of("refund.succeeded"),
                types(MoneyOutEvents.derive("rec-2", pending, refund(RefundStatus.SUCCEEDED, 2, T1))));
        List<MoneyOutEvent> failed = MoneyOutEvents.derive("rec-3", pending, refund(RefundStatus.FAILED, 2, T1));
        assertEquals(List.of("refund.failed"), types(failed));
        assertEquals(Mode.LIVE, failed.get(0).mode());
        assertEquals("m_1", failed.get(0).merchantId());
        assertTrue(failed.get(0).type().isFinalState());
    }

    @Test
    void eventIdsDependOnlyOnTheRecordTypeAndObject() {
        Refund pending = refund(RefundStatus.PENDING, 1, T0);
        assertEquals(MoneyOutEvents.derive("rec-1", null, pending), MoneyOutEvents.derive("rec-1", null, pending),
                "a record delivered again yields the same events");
        assertNotEquals(MoneyOutEvents.derive("rec-1", null, pending).get(0).id(),
                MoneyOutEvents.derive("rec-2", null, pending).get(0).id());
        assertTrue(io.cauri.id.Ids.looksLike(io.cauri.id.Ids.EVENT, MoneyOutEvents.derive("rec-1", null, pending).get(0).id()));
    }
}
