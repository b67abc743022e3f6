package io.cauri.intent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cauri.intent.IntentStatus.ACTION_REQUIRED;
import static io.cauri.intent.IntentStatus.CANCELED;
import static io.cauri.intent.IntentStatus.PAYMENT_REQUIRED;
import static io.cauri.intent.IntentStatus.PROCESSING;
import static io.cauri.intent.IntentStatus.SUCCESSFUL;

/**
 * The one place that decides how a PaymentIntent and its payments change (docs/CONTRACT.md §2):
 * <pre>
 * payment_required ─attempt─► processing ─► (action_required ⇄ processing) ─► successful
 *        ▲                        │                 │
 *        └──── payment failed ────┴─────────────────┘        payment_required / action_required ─cancel─► canceled
 * </pre>
 * successful and canceled are final. Every operation returns a new intent (payment and intent change
 * together) or throws {@link IllegalTransitionException}; persisting it is the caller's conditional write.
 */
public final class IntentStateMachine {

    /**
     * The most attempts one intent takes. Attempts are nested in the intent's item (one conditional write moves
     * both), so this bounds the item — and the stream record and event built from it — by construction: see
     * {@code AttemptLimitsTest} (attempt-payment) for the measured worst case. A payer who failed this often
     * gets a new intent.
     */
    public static final int MAX_ATTEMPTS = 20;

    private static final Map<IntentStatus, Set<IntentStatus>> INTENT = new EnumMap<>(IntentStatus.class);
    private static final Map<PaymentStatus, Set<PaymentStatus>> PAYMENT = new EnumMap<>(PaymentStatus.class);

    static {
        INTENT.put(PAYMENT_REQUIRED, EnumSet.of(PROCESSING, CANCELED));
        INTENT.put(PROCESSING, EnumSet.of(ACTION_REQUIRED, SUCCESSFUL, PAYMENT_REQUIRED));
        INTENT.put(ACTION_REQUIRED, EnumSet.of(PROCESSING, PAYMENT_REQUIRED, CANCELED));
        INTENT.put(SUCCESSFUL, EnumSet.noneOf(IntentStatus.class));
        INTENT.put(CANCELED, EnumSet.noneOf(IntentStatus.class));

        PAYMENT.put(PaymentStatus.PROCESSING,
                EnumSet.of(PaymentStatus.ACTION_REQUIRED, PaymentStatus.SUCCESSFUL, PaymentStatus.FAILED));
        PAYMENT.put(PaymentStatus.ACTION_REQUIRED, EnumSet.of(PaymentStatus.PROCESSING, PaymentStatus.FAILED));
        PAYMENT.put(PaymentStatus.SUCCESSFUL, EnumSet.noneOf(PaymentStatus.class));
        PAYMENT.put(PaymentStatus.FAILED, EnumSet.noneOf(PaymentStatus.class));
    }

    private IntentStateMachine() {
    }

    public static boolean allows(IntentStatus from, IntentStatus to) {
        return INTENT.get(from).contains(to);
    }

    public static boolean allows(PaymentStatus from, PaymentStatus to) {
        return PAYMENT.get(from).contains(to);
    }

    /**
     * A new attempt: the intent must be waiting for payment ({@code payment_required} only: attempting
     * while {@code action_required} is a 409, docs/CONTRACT.md §2); the payment starts {@code processing}.
     */
    public static PaymentIntent attempt(PaymentIntent intent, Payment payment, Instant now) {
        check(intent.status(), PAYMENT_REQUIRED, PROCESSING);
        if (intent.payments().size() >= MAX_ATTEMPTS) {
            throw new AttemptLimitException(intent.id(), MAX_ATTEMPTS);
        }
        if (payment.status() != PaymentStatus.PROCESSING) {
            throw new IllegalArgumentException("a new payment starts processing");
        }
        List<Payment> payments = new ArrayList<>(intent.payments());
        payments.add(payment);
        return intent.with(PROCESSING, now, payments, null, intent.lastPaymentFailure());
    }

    /** The provider asks the payer to act (otp, ussd, redirection). */
    public static PaymentIntent requireAction(PaymentIntent intent, String paymentId, NextAction action, Instant now) {
        check(intent.status(), ACTION_REQUIRED);
        return intent.with(ACTION_REQUIRED, now,
                replace(intent, paymentId, PaymentStatus.ACTION_REQUIRED, now, action, null), action,
                intent.lastPaymentFailure());
    }

    /** The payer acted (e.g. gave the OTP); the provider is processing again. Only from {@code action_required}. */
    public static PaymentIntent resume(PaymentIntent intent, String paymentId, Instant now) {
        check(intent.status(), ACTION_REQUIRED, PROCESSING);
        return intent.with(PROCESSING, now, replace(intent, paymentId, PaymentStatus.PROCESSING, now, null, null),
                null, intent.lastPaymentFailure());
    }

    /** The provider confirmed the payment: the intent is paid, for good. */
    public static PaymentIntent succeed(PaymentIntent intent, String paymentId, Instant now) {
        check(intent.status(), SUCCESSFUL);
        return intent.with(SUCCESSFUL, now, replace(intent, paymentId, PaymentStatus.SUCCESSFUL, now, null, null),
                null, intent.lastPaymentFailure());
    }

    /** The attempt failed: the intent waits for another attempt, remembering why this one failed. */
    public static PaymentIntent fail(PaymentIntent intent, String paymentId, Failure failure, Instant now) {
        check(intent.status(), PAYMENT_REQUIRED);
        return intent.with(PAYMENT_REQUIRED, now,
                replace(intent, paymentId, PaymentStatus.FAILED, now, null, failure), null, failure);
    }

    /** Cancel (merchant's request or expiry); a payment waiting for the payer fails with {@code canceled}. */
    public static PaymentIntent cancel(PaymentIntent intent, Failure pendingPaymentFailure, Instant now) {
        check(intent.status(), CANCELED);
        if (intent.currentPayment().filter(Payment::waitsForProvider).isPresent()) {
            // the payer may be approving it at the provider right now: failing it here could lose a payment
            // the provider takes; it ends when the provider says how (its checks, its callback)
            throw new IllegalTransitionException("payment intent", "awaiting the provider's answer", CANCELED.wire());
        }
        List<Payment> payments = intent.currentPayment()
                .map(p -> replace(intent, p.id(), PaymentStatus.FAILED, now, null, pendingPaymentFailure))
                .orElse(intent.payments());
        return intent.with(CANCELED, now, payments, null, intent.lastPaymentFailure());
    }

    private static void check(IntentStatus from, IntentStatus to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("payment intent", from.wire(), to.wire());
        }
    }

    /**
     * For operations whose target is reached from more than one status by different operations
     * ({@code processing}: attempt from payment_required, resume from action_required): the table alone
     * would let each operation start from the other's status.
     */
    private static void check(IntentStatus from, IntentStatus requiredFrom, IntentStatus to) {
        if (from != requiredFrom) {
            throw new IllegalTransitionException("payment intent", from.wire(), to.wire());
        }
        check(from, to);
    }

    private static List<Payment> replace(PaymentIntent intent, String paymentId, PaymentStatus to, Instant now,
                                         NextAction action, Failure failure) {
        List<Payment> payments = new ArrayList<>(intent.payments());
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            if (p.id().equals(paymentId)) {
                if (!allows(p.status(), to)) {
                    throw new IllegalTransitionException("payment", p.status().wire(), to.wire());
                }
                payments.set(i, p.withStatus(to, now, action, failure));
                return payments;
            }
        }
        throw new IllegalArgumentException("no payment " + paymentId + " on intent " + intent.id());
    }
}
