package io.cauri.intent;

import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.cauri.intent.IntentStatus.ACTION_REQUIRED;
import static io.cauri.intent.IntentStatus.CANCELED;
import static io.cauri.intent.IntentStatus.PAYMENT_REQUIRED;
import static io.cauri.intent.IntentStatus.PROCESSING;
import static io.cauri.intent.IntentStatus.SUCCESSFUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state machine against the table of docs/CONTRACT.md §2, written out here independently of the production
 * maps: every pair of statuses, and every operation on every intent status.
 */
class IntentStateMachineTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant EARLIER = Instant.parse("2026-11-21T10:01:00.000Z");
    private static final Instant NOW = Instant.parse("2026-11-21T10:05:00.123Z");

    private static final String INTENT_ID = "pi_AAAAAAAAAAAAAAAAAAAAA";
    private static final String FAILED_BEFORE = "pay_failedBeforeAAAAAAA";
    private static final String CURRENT = "pay_currentAAAAAAAAAAAA";
    private static final String NEW = "pay_newAttemptAAAAAAAAA";

    private static final Failure FIRST_FAILURE =
            new Failure(FailureCode.TIMEOUT, "The provider did not answer.", List.of());
    private static final Failure DECLINED =
            new Failure(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, "Insufficient funds.", List.of("msisdn"));
    private static final Failure CANCELED_FAILURE = new Failure(FailureCode.CANCELED, "Canceled.", List.of());
    private static final NextAction OTP = new NextAction(NextAction.Type.OTP, "Enter any 4-digit code.", null);

    // ---- the expected tables (docs/CONTRACT.md §2), not read from the production code ----

    private static final Map<IntentStatus, Set<IntentStatus>> INTENT_TABLE = Map.of(
            PAYMENT_REQUIRED, EnumSet.of(PROCESSING, CANCELED),
            PROCESSING, EnumSet.of(ACTION_REQUIRED, SUCCESSFUL, PAYMENT_REQUIRED),
            ACTION_REQUIRED, EnumSet.of(PROCESSING, PAYMENT_REQUIRED, CANCELED),
            SUCCESSFUL, EnumSet.noneOf(IntentStatus.class),
            CANCELED, EnumSet.noneOf(IntentStatus.class));

    private static final Map<PaymentStatus, Set<PaymentStatus>> PAYMENT_TABLE = Map.of(
            PaymentStatus.PROCESSING, EnumSet.of(PaymentStatus.ACTION_REQUIRED, PaymentStatus.SUCCESSFUL, PaymentStatus.FAILED),
            PaymentStatus.ACTION_REQUIRED, EnumSet.of(PaymentStatus.PROCESSING, PaymentStatus.FAILED),
            PaymentStatus.SUCCESSFUL, EnumSet.noneOf(PaymentStatus.class),
            PaymentStatus.FAILED, EnumSet.noneOf(PaymentStatus.class));

    /** Each operation, the intent statuses it may start from, and the status it leads to. */
    enum Operation {
        ATTEMPT(PROCESSING, PAYMENT_REQUIRED),
        REQUIRE_ACTION(ACTION_REQUIRED, PROCESSING),
        RESUME(PROCESSING, ACTION_REQUIRED),
        SUCCEED(SUCCESSFUL, PROCESSING),
        FAIL(PAYMENT_REQUIRED, PROCESSING, ACTION_REQUIRED),
        CANCEL(CANCELED, PAYMENT_REQUIRED, ACTION_REQUIRED);

        final IntentStatus target;
        final Set<IntentStatus> allowedFrom;

        Operation(IntentStatus target, IntentStatus... allowedFrom) {
            this.target = target;
            this.allowedFrom = EnumSet.copyOf(Arrays.asList(allowedFrom));
        }

        /** Applies the operation to the intent's latest payment (a new one for ATTEMPT). */
        PaymentIntent apply(PaymentIntent intent) {
            String paymentId = intent.payments().isEmpty() ? CURRENT
                    : intent.payments().get(intent.payments().size() - 1).id();
            return switch (this) {
                case ATTEMPT -> IntentStateMachine.attempt(intent, newAttempt(), NOW);
                case REQUIRE_ACTION -> IntentStateMachine.requireAction(intent, paymentId, OTP, NOW);
                case RESUME -> IntentStateMachine.resume(intent, paymentId, NOW);
                case SUCCEED -> IntentStateMachine.succeed(intent, paymentId, NOW);
                case FAIL -> IntentStateMachine.fail(intent, paymentId, DECLINED, NOW);
                case CANCEL -> IntentStateMachine.cancel(intent, CANCELED_FAILURE, NOW);
            };
        }
    }

    // ---- fixtures: an intent in each status, shaped as the state machine itself would leave it ----

    private static Payment payment(String id, PaymentStatus status, Instant updatedAt, Failure failure,
                                   NextAction action) {
        return new Payment(id, INTENT_ID, EARLIER, updatedAt, status, 5_000, Currency.XOF, "mobile_money", "CI",
                "orange", "00000001", failure,
                List.of(new Fee("feeAAAAAAAAAAAAAAAAAA", new java.math.BigDecimal("1.5"), Fee.RateType.PERCENT, 75,
                        Currency.XOF, "Processing fee", List.of())),
                action, "prov-ref-1", "gw-1", "https://shop.example/ok", "https://shop.example/ko");
    }

    private static Payment newAttempt() {
        return new Payment(NEW, INTENT_ID, NOW, NOW, PaymentStatus.PROCESSING, 5_000, Currency.XOF, "mobile_money",
                "CI", "mtn", "00000001", null, List.of(), null, null, null, null, null);
    }

    private static PaymentIntent intent(IntentStatus status, List<Payment> payments, NextAction action,
                                        Failure lastFailure) {
        return intent(status, EARLIER, payments, action, lastFailure);
    }

    private static PaymentIntent intent(IntentStatus status, Instant updatedAt, List<Payment> payments,
                                        NextAction action, Failure lastFailure) {
        return new PaymentIntent(INTENT_ID, "m_merchant", Mode.SANDBOX, CREATED, updatedAt, "order-42", "customer 7",
                status, 5_000, Currency.XOF, payments, action, lastFailure, "My Shop", 7L, null);
    }

    /** An intent whose first attempt failed, then (unless payment_required) a second attempt got this far. */
    static PaymentIntent intentIn(IntentStatus status) {
        Payment failed = payment(FAILED_BEFORE, PaymentStatus.FAILED, EARLIER, FIRST_FAILURE, null);
        return switch (status) {
            case PAYMENT_REQUIRED -> intent(status, List.of(failed), null, FIRST_FAILURE);
            case PROCESSING -> intent(status,
                    List.of(failed, payment(CURRENT, PaymentStatus.PROCESSING, EARLIER, null, null)), null, FIRST_FAILURE);
            case ACTION_REQUIRED -> intent(status,
                    List.of(failed, payment(CURRENT, PaymentStatus.ACTION_REQUIRED, EARLIER, null, OTP)), OTP, FIRST_FAILURE);
            case SUCCESSFUL -> intent(status,
                    List.of(failed, payment(CURRENT, PaymentStatus.SUCCESSFUL, EARLIER, null, null)), null, FIRST_FAILURE);
            case CANCELED -> intent(status,
                    List.of(failed, payment(CURRENT, PaymentStatus.FAILED, EARLIER, CANCELED_FAILURE, null)), null,
                    FIRST_FAILURE);
        };
    }

    // ---- the transition tables, exhaustively ----

    static Stream<Arguments> everyIntentStatusPair() {
        return Arrays.stream(IntentStatus.values()).flatMap(from -> Arrays.stream(IntentStatus.values())
                .map(to -> Arguments.of(from, to, INTENT_TABLE.get(from).contains(to))));
    }

    @ParameterizedTest(name = "intent {0} → {1}: allowed = {2}")
    @MethodSource("everyIntentStatusPair")
    void intentTransitionIsAllowedExactlyWhenTheContractSaysSo(IntentStatus from, IntentStatus to, boolean expected) {
        assertEquals(expected, IntentStateMachine.allows(from, to));
    }

    static Stream<Arguments> everyPaymentStatusPair() {
        return Arrays.stream(PaymentStatus.values()).flatMap(from -> Arrays.stream(PaymentStatus.values())
                .map(to -> Arguments.of(from, to, PAYMENT_TABLE.get(from).contains(to))));
    }

    @ParameterizedTest(name = "payment {0} → {1}: allowed = {2}")
    @MethodSource("everyPaymentStatusPair")
    void paymentTransitionIsAllowedExactlyWhenTheContractSaysSo(PaymentStatus from, PaymentStatus to, boolean expected) {
        assertEquals(expected, IntentStateMachine.allows(from, to));
    }

    @ParameterizedTest
    @EnumSource(IntentStatus.class)
    void onlySuccessfulAndCanceledAreFinalIntentStatuses(IntentStatus status) {
        assertEquals(INTENT_TABLE.get(status).isEmpty(), status.isFinal());
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void onlySuccessfulAndFailedAreFinalPaymentStatuses(PaymentStatus status) {
        assertEquals(PAYMENT_TABLE.get(status).isEmpty(), status.isFinal());
    }

    @Test
    void theOperationTableAgreesWithTheTransitionTable() {
        for (Operation op : Operation.values()) {
            for (IntentStatus from : op.allowedFrom) {
                assertEquals(true, INTENT_TABLE.get(from).contains(op.target), op + " from " + from);
            }
        }
    }

    // ---- every operation on every intent status ----

    static Stream<Arguments> allowedOperations() {
        return Arrays.stream(Operation.values()).flatMap(op -> op.allowedFrom.stream().map(s -> Arguments.of(op, s)));
    }

    static Stream<Arguments> forbiddenOperations() {
        return Arrays.stream(Operation.values()).flatMap(op -> EnumSet.complementOf(EnumSet.copyOf(op.allowedFrom))
                .stream().map(s -> Arguments.of(op, s)));
    }

    @ParameterizedTest(name = "{0} on a {1} intent → {0}.target, updatedAt = now")
    @MethodSource("allowedOperations")
    void allowedOperationMovesTheIntentToItsTargetAndStampsIt(Operation op, IntentStatus from) {
        PaymentIntent before = intentIn(from);

        PaymentIntent after = op.apply(before);

        assertEquals(op.target, after.status());
        assertEquals(NOW, after.updatedAt());
        assertEquals(CREATED, after.createdAt());
        assertEquals(before.version(), after.version(), "the version is the repository's business");
        assertEquals(intentIn(from), before, "the input intent is a value and never changes");
    }

    @ParameterizedTest(name = "{0} on a {1} intent is refused")
    @MethodSource("forbiddenOperations")
    void forbiddenOperationThrowsNamingTheIntentStatus(Operation op, IntentStatus from) {
        PaymentIntent before = intentIn(from);

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> op.apply(before));

        // ErrorResponses turns from() into "The payment intent is <from>": it must be the intent's status
        assertEquals(from.wire(), e.from());
        assertEquals(op.target.wire(), e.to());
        assertEquals(intentIn(from), before);
    }

    @ParameterizedTest(name = "{0} on a fresh intent without payments")
    @EnumSource(Operation.class)
    void onAFreshIntentOnlyAttemptAndCancelAreAllowed(Operation op) {
        PaymentIntent fresh = PaymentIntent.open(INTENT_ID, "m_merchant", Mode.LIVE, CREATED, "order-1", "cust-1",
                100, Currency.XAF, null);

        if (op == Operation.ATTEMPT || op == Operation.CANCEL) {
            assertEquals(op.target, op.apply(fresh).status());
        } else {
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> op.apply(fresh));
            assertEquals("payment_required", e.from());
        }
    }

    @ParameterizedTest(name = "{0} never changes a {1} intent")
    @MethodSource("everyOperationOnAFinalIntent")
    void finalIntentsNeverChange(Operation op, IntentStatus finalStatus) {
        PaymentIntent intent = intentIn(finalStatus);

        assertThrows(IllegalTransitionException.class, () -> op.apply(intent));
        assertEquals(intentIn(finalStatus), intent);
    }

    static Stream<Arguments> everyOperationOnAFinalIntent() {
        return Arrays.stream(Operation.values())
                .flatMap(op -> Stream.of(SUCCESSFUL, CANCELED).map(s -> Arguments.of(op, s)));
    }

    // ---- the exact outcome of each allowed operation ----

    @Test
    void attemptAppendsAProcessingPaymentAndKeepsThePreviousFailure() {
        PaymentIntent before = intentIn(PAYMENT_REQUIRED);

        PaymentIntent after = IntentStateMachine.attempt(before, newAttempt(), NOW);

        assertEquals(intent(PROCESSING, NOW, List.of(before.payments().get(0), newAttempt()), null, FIRST_FAILURE),
                after);
        assertEquals(newAttempt(), after.currentPayment().orElseThrow());
    }

    @Test
    void attemptRefusesAPaymentThatDoesNotStartProcessing() {
        Payment alreadySuccessful = new Payment(NEW, INTENT_ID, NOW, NOW, PaymentStatus.SUCCESSFUL, 5_000,
                Currency.XOF, "mobile_money", "CI", "mtn", "00000001", null, List.of(), null, null, null, null, null);

        assertThrows(IllegalArgumentException.class,
                () -> IntentStateMachine.attempt(intentIn(PAYMENT_REQUIRED), alreadySuccessful, NOW));
    }

    @Test
    void requireActionPutsTheSameNextActionOnTheIntentAndThePayment() {
        PaymentIntent after = IntentStateMachine.requireAction(intentIn(PROCESSING), CURRENT, OTP, NOW);

        assertEquals(intent(ACTION_REQUIRED, NOW, List.of(
                        payment(FAILED_BEFORE, PaymentStatus.FAILED, EARLIER, FIRST_FAILURE, null),
                        payment(CURRENT, PaymentStatus.ACTION_REQUIRED, NOW, null, OTP)), OTP, FIRST_FAILURE),
                after);
    }

    @Test
    void resumeClearsTheNextActionEverywhere() {
        PaymentIntent after = IntentStateMachine.resume(intentIn(ACTION_REQUIRED), CURRENT, NOW);

        assertEquals(PROCESSING, after.status());
        assertNull(after.nextAction());
        assertEquals(payment(CURRENT, PaymentStatus.PROCESSING, NOW, null, null), after.payments().get(1));
        assertEquals(intentIn(ACTION_REQUIRED).payments().get(0), after.payments().get(0));
        assertEquals(FIRST_FAILURE, after.lastPaymentFailure());
    }

    @Test
    void succeedMakesIntentAndPaymentSuccessful() {
        PaymentIntent after = IntentStateMachine.succeed(intentIn(PROCESSING), CURRENT, NOW);

        assertEquals(SUCCESSFUL, after.status());
        assertNull(after.nextAction());
        assertEquals(payment(CURRENT, PaymentStatus.SUCCESSFUL, NOW, null, null), after.payments().get(1));
        assertEquals(NOW, after.updatedAt());
    }

    @ParameterizedTest
    @EnumSource(value = IntentStatus.class, names = {"PROCESSING", "ACTION_REQUIRED"})
    void failPutsTheIntentBackToPaymentRequiredRememberingWhy(IntentStatus from) {
        PaymentIntent after = IntentStateMachine.fail(intentIn(from), CURRENT, DECLINED, NOW);

        assertEquals(PAYMENT_REQUIRED, after.status());
        assertEquals(DECLINED, after.lastPaymentFailure());
        assertNull(after.nextAction());
        assertEquals(payment(CURRENT, PaymentStatus.FAILED, NOW, DECLINED, null), after.payments().get(1));
        assertEquals(NOW, after.updatedAt());
        // and another attempt is allowed
        assertEquals(PROCESSING, IntentStateMachine.attempt(after, newAttempt(), NOW).status());
    }

    @Test
    void cancelFailsThePendingPaymentWithTheGivenFailure() {
        PaymentIntent after = IntentStateMachine.cancel(intentIn(ACTION_REQUIRED), CANCELED_FAILURE, NOW);

        assertEquals(CANCELED, after.status());
        assertNull(after.nextAction());
        assertEquals(payment(CURRENT, PaymentStatus.FAILED, NOW, CANCELED_FAILURE, null), after.payments().get(1));
        assertEquals(intentIn(ACTION_REQUIRED).payments().get(0), after.payments().get(0));
        // current decision: cancel does not overwrite lastPaymentFailure (it describes the last real attempt)
        assertEquals(FIRST_FAILURE, after.lastPaymentFailure());
        assertEquals(NOW, after.updatedAt());
    }

    /**
     * A live payment whose payer approves at the provider (USSD prompt, checkout page) may be paid at any moment:
     * canceling the intent would fail a payment the provider can still take. An OTP step (the payer gives us the
     * code) and a sandbox payment (no connector) may be canceled as before.
     */
    @Test
    void cancelRefusesALivePaymentWaitingForItsPayerAtTheProvider() {
        NextAction ussd = new NextAction(NextAction.Type.USSD, "Confirm on your phone.", null);
        Payment waiting = new Payment(CURRENT, INTENT_ID, EARLIER, EARLIER, PaymentStatus.ACTION_REQUIRED, 5_000,
                Currency.XOF, "mobile_money", "CI", "mtn", "2250500000001", null, List.of(), ussd, "ref-1", "mtn-momo",
                null, null);
        PaymentIntent live = intent(ACTION_REQUIRED, List.of(waiting), ussd, null);
        assertTrue(waiting.waitsForProvider());
        assertThrows(IllegalTransitionException.class, () -> IntentStateMachine.cancel(live, CANCELED_FAILURE, NOW));

        Payment otpStep = new Payment(CURRENT, INTENT_ID, EARLIER, EARLIER, PaymentStatus.ACTION_REQUIRED, 5_000,
                Currency.XOF, "mobile_money", "CI", "orange", "2250700000001", null, List.of(), OTP, "ref-1", "mtn-momo",
                null, null);
        assertFalse(otpStep.waitsForProvider());
        assertEquals(CANCELED, IntentStateMachine.cancel(intent(ACTION_REQUIRED, List.of(otpStep), OTP, null),
                CANCELED_FAILURE, NOW).status());
        Payment sandbox = new Payment(CURRENT, INTENT_ID, EARLIER, EARLIER, PaymentStatus.ACTION_REQUIRED, 5_000,
                Currency.XOF, "mobile_money", "CI", "mtn", "00000001", null, List.of(), ussd, "ref-1", null, null, null);
        assertFalse(sandbox.waitsForProvider());
        assertEquals(CANCELED, IntentStateMachine.cancel(intent(ACTION_REQUIRED, List.of(sandbox), ussd, null),
                CANCELED_FAILURE, NOW).status());
    }

    @Test
    void cancelWithoutAPendingPaymentLeavesThePaymentsAsTheyWere() {
        PaymentIntent before = intentIn(PAYMENT_REQUIRED);

        PaymentIntent after = IntentStateMachine.cancel(before, CANCELED_FAILURE, NOW);

        assertEquals(CANCELED, after.status());
        assertEquals(before.payments(), after.payments());
        assertEquals(FIRST_FAILURE, after.lastPaymentFailure());
    }

    @Test
    void anOperationOnAnUnknownPaymentIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> IntentStateMachine.succeed(intentIn(PROCESSING), "pay_unknownAAAAAAAAAAAA", NOW));
    }

    @Test
    void anOperationOnAnOldFinishedPaymentIsRefused() {
        // a late provider callback for the attempt that already failed must not touch it
        assertThrows(IllegalTransitionException.class,
                () -> IntentStateMachine.succeed(intentIn(PROCESSING), FAILED_BEFORE, NOW));
    }

    @Test
    void aWholeLifeFollowsTheContract() {
        Instant t = CREATED;
        PaymentIntent i = PaymentIntent.open(INTENT_ID, "m_merchant", Mode.SANDBOX, t, "order-1", "cust-1", 100,
                Currency.XOF, null);
        Payment first = new Payment("pay_first", INTENT_ID, t, t, PaymentStatus.PROCESSING, 100, Currency.XOF,
                "mobile_money", "CI", "orange", "00000002", null, List.of(), null, null, null, null, null);
        Payment second = new Payment("pay_second", INTENT_ID, t, t, PaymentStatus.PROCESSING, 100, Currency.XOF,
                "mobile_money", "CI", "orange", "00000001", null, List.of(), null, null, null, null, null);

        i = IntentStateMachine.attempt(i, first, t = t.plusSeconds(1));
        i = IntentStateMachine.requireAction(i, "pay_first", OTP, t = t.plusSeconds(1));
        i = IntentStateMachine.resume(i, "pay_first", t = t.plusSeconds(1));
        i = IntentStateMachine.fail(i, "pay_first", DECLINED, t = t.plusSeconds(1));
        assertEquals(PAYMENT_REQUIRED, i.status());
        i = IntentStateMachine.attempt(i, second, t = t.plusSeconds(1));
        i = IntentStateMachine.succeed(i, "pay_second", t = t.plusSeconds(1));

        assertEquals(SUCCESSFUL, i.status());
        assertEquals(List.of(PaymentStatus.FAILED, PaymentStatus.SUCCESSFUL),
                i.payments().stream().map(Payment::status).toList());
        assertEquals(DECLINED, i.payments().get(0).failure());
        assertEquals(DECLINED, i.lastPaymentFailure());
        assertEquals(CREATED.plusSeconds(6), i.updatedAt());
        assertEquals(CREATED, i.createdAt());
        assertEquals(java.util.Optional.empty(), i.currentPayment());
    }
}
