package io.cauri.event;

import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which events a write announces: status changes only, payment before intent, ids stable per record. */
class StatusEventsTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:15:30.123Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final Instant T2 = T0.plusSeconds(2);

    static PaymentIntent created() {
        return PaymentIntent.open("pi_aaaaaaaaaaaaaaaaaaaaa", "m_1", Mode.SANDBOX, T0, "order-1", "cust-1", 1000,
                Currency.XOF, null);
    }

    static Payment payment() {
        return new Payment("pay_aaaaaaaaaaaaaaaaaaaa", "pi_aaaaaaaaaaaaaaaaaaaaa", T1, T1, PaymentStatus.PROCESSING, 1000,
                Currency.XOF, "mobile_money", "CI", "orange", "00000001", null, List.of(), null, null, null, null, null);
    }

    static List<EventType> types(List<StatusEvent> events) {
        return events.stream().map(StatusEvent::type).toList();
    }

    @Test
    void anInsertAnnouncesTheCreatedIntent() {
        List<StatusEvent> events = StatusEvents.derive("rec-1", null, created());
        assertEquals(List.of(EventType.PAYMENT_INTENT_CREATED), types(events));
        assertEquals(T0, events.get(0).createdAt());
        assertNull(events.get(0).payment());
        assertEquals("pi_aaaaaaaaaaaaaaaaaaaaa", events.get(0).objectId());
    }

    @Test
    void anAttemptAnnouncesThePaymentThenTheIntent() {
        PaymentIntent before = created();
        PaymentIntent processing = IntentStateMachine.attempt(before, payment(), T1);
        PaymentIntent after = IntentStateMachine.requireAction(processing, payment().id(),
                new NextAction(NextAction.Type.OTP, "code?", null), T1);
        List<StatusEvent> events = StatusEvents.derive("rec-2", before, after);
        assertEquals(List.of(EventType.PAYMENT_ACTION_REQUIRED, EventType.PAYMENT_INTENT_ACTION_REQUIRED), types(events));
        assertEquals(payment().id(), events.get(0).objectId());
    }

    @Test
    void successAnnouncesPaymentSuccessfulThenIntentSuccessful() {
        PaymentIntent before = IntentStateMachine.attempt(created(), payment(), T1);
        PaymentIntent after = IntentStateMachine.succeed(before, payment().id(), T2);
        List<StatusEvent> events = StatusEvents.derive("rec-3", before, after);
        assertEquals(List.of(EventType.PAYMENT_SUCCESSFUL, EventType.PAYMENT_INTENT_SUCCESSFUL), types(events));
        assertTrue(events.stream().allMatch(e -> e.type().isFinalState()));
        assertEquals(T2, events.get(1).createdAt());
    }

    @Test
    void aFailedAttemptAnnouncesPaymentFailedAndIntentPaymentFailed() {
        PaymentIntent before = IntentStateMachine.attempt(created(), payment(), T1);
        PaymentIntent after = IntentStateMachine.fail(before, payment().id(),
                new Failure(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, "no funds", null), T2);
        assertEquals(List.of(EventType.PAYMENT_FAILED, EventType.PAYMENT_INTENT_PAYMENT_FAILED),
                types(StatusEvents.derive("rec-4", before, after)));
    }

    @Test
    void aWriteWithoutStatusChangeAnnouncesNothing() {
        PaymentIntent before = IntentStateMachine.attempt(created(), payment(), T1);
        PaymentIntent after = before.withProviderReference(payment().id(), "ref-1");
        assertEquals(List.of(), StatusEvents.derive("rec-5", before, after));
    }

    @Test
    void aRemoveAnnouncesNothing() {
        assertEquals(List.of(), StatusEvents.derive("rec-6", created(), null));
    }

    @Test
    void idsAreStablePerRecordAndDistinctAcrossRecordsTypesAndObjects() {
        PaymentIntent before = IntentStateMachine.attempt(created(), payment(), T1);
        PaymentIntent after = IntentStateMachine.succeed(before, payment().id(), T2);
        List<StatusEvent> once = StatusEvents.derive("rec-7", before, after);
        List<StatusEvent> again = StatusEvents.derive("rec-7", before, after);
        assertEquals(once.stream().map(StatusEvent::id).toList(), again.stream().map(StatusEvent::id).toList());
        assertNotEquals(once.get(0).id(), once.get(1).id());
        assertNotEquals(once.get(0).id(), StatusEvents.derive("rec-8", before, after).get(0).id());
        assertTrue(once.stream().allMatch(e -> io.cauri.id.Ids.looksLike(io.cauri.id.Ids.EVENT, e.id())), once.toString());
    }

    static PaymentIntent version(PaymentIntent i, long v) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), i.updatedAt(), i.purchaseReference(),
                i.customerReference(), i.status(), i.amount(), i.currency(), i.payments(), i.nextAction(),
                i.lastPaymentFailure(), i.overrideBusinessName(), v, i.details());
    }

    @Test
    void sequencesGrowWithEveryEventOfTheIntentAcrossWrites() {
        PaymentIntent first = version(created(), 1);
        PaymentIntent processing = IntentStateMachine.attempt(created(), payment(), T1);
        PaymentIntent second = version(IntentStateMachine.requireAction(processing, payment().id(),
                new NextAction(NextAction.Type.OTP, "code?", null), T1), 2);
        List<StatusEvent> events = new java.util.ArrayList<>(StatusEvents.derive("rec-1", null, first));
        events.addAll(StatusEvents.derive("rec-2", first, second));
        assertEquals(List.of(1000L, 2000L, 2001L), events.stream().map(StatusEvent::sequence).toList());
        assertEquals(List.of(2000L, 2001L), StatusEvents.derive("rec-2", first, second).stream()
                .map(StatusEvent::sequence).toList(), "a record read again: the same numbers");
    }
}
