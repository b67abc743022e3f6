package io.cauri.payment;

import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.Failure;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;
import io.cauri.provider.Connectors;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies what providers say — a first answer or a later event — to a stored intent through the state
 * machine, with a conditional write. A lost race re-reads and re-decides; an outcome for a payment that
 * has already ended changes nothing, so duplicated or late deliveries are harmless.
 *
 * <p>It also reconciles: a payment still {@code processing} at the end of the provider window is not failed
 * blindly (its outcome is unknown: the provider may have taken the money). The provider is asked for the
 * payment's status; a final answer is applied, anything else leaves it {@code processing} and asks again later.
 */
@Singleton
public class PaymentOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentOutcomes.class);
    private static final int ATTEMPTS = 5;
    /**
     * Scheduled checks of one step after the first: each waits twice as long as the one before (at most
     * {@link #LONGEST_WAIT}). After the last, the expiry sweep keeps asking on its own schedule.
     */
    static final int LAST_ROUND = 6;
    /** SQS's longest message delay. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final IntentRepository intents;
    private final Clock clock;
    private final ProviderEventScheduler scheduler;
    private final Connectors connectors;
    private final Duration providerWindow;

    /**
     * @param providerWindow how long a provider has to settle a request before it is reconciled (the same
     *                       setting the sandbox gateway reads)
     */
    public PaymentOutcomes(IntentRepository intents, Clock clock, ProviderEventScheduler scheduler,
                           Connectors connectors,
                           @Value("${cauri.payments.provider-window:2m}") Duration providerWindow) {
        this.intents = intents;
        this.clock = clock;
        this.scheduler = scheduler;
        this.connectors = connectors;
        this.providerWindow = providerWindow;
        // tests and local-api: due events come straight back here; a queue-backed scheduler ignores this
        scheduler.deliverTo(this::apply);
    }

    /** A provider's first answer to a request about this payment. */
    public PaymentIntent apply(PaymentIntent current, String paymentId, ProviderAnswer answer) {
        return change(current, intent -> {
            Instant now = now();
            Payment payment = intent.payment(paymentId).orElseThrow();
            if (payment.status().isFinal()) {
                return intent;
            }
            if (answer instanceof ProviderAnswer.Pending pending) {
                return intent.withProviderReference(paymentId, pending.providerReference());
            }
            if (answer instanceof ProviderAnswer.ActionRequired action) {
                return IntentStateMachine.requireAction(processing(intent, payment, now), paymentId, action.action(), now)
                        .withProviderReference(paymentId, action.providerReference());
            }
            if (answer instanceof ProviderAnswer.Succeeded ok) {
                return IntentStateMachine.succeed(processing(intent, payment, now), paymentId, now)
                        .withProviderReference(paymentId, ok.providerReference());
            }
            ProviderAnswer.Failed failed = (ProviderAnswer.Failed) answer;
            return IntentStateMachine.fail(intent, paymentId, new Failure(failed.code(), failed.message(), null), now);
        });
    }

    /** An outcome that arrived later (payer's answer, callback, a window that closed), or a reconciliation check. */
    public Optional<PaymentIntent> apply(ProviderEvent event) {
        Optional<PaymentIntent> stored = intents.find(event.intentId());
        if (stored.isEmpty() || stored.get().payment(event.paymentId()).isEmpty()) {
            return stored; // unknown: nothing to change (e.g. an attempt whose write lost)
        }
        if (event.outcome() == ProviderEvent.Outcome.CHECK) {
            return Optional.of(reconcile(stored.get(), event, true));
        }
        return Optional.of(change(stored.get(), intent -> {
            Payment payment = intent.payment(event.paymentId()).orElseThrow();
            if (payment.status().isFinal() || (event.onlyIf() != null && payment.status() != event.onlyIf())
                    || (event.unchangedSince() != null && payment.updatedAt().isAfter(event.unchangedSince()))) {
                return intent;
            }
            Instant now = now();
            return switch (event.outcome()) {
                case SUCCEEDED -> IntentStateMachine.succeed(processing(intent, payment, now), payment.id(), now);
                case FAILED -> IntentStateMachine.fail(intent, payment.id(),
                        new Failure(event.failureCode(), event.message(), null), now);
                case CHECK -> intent; // handled above
            };
        }));
    }

    /**
     * The check {@code event} on the stored intent: only a payment still {@code processing} since the step the
     * check was scheduled for is concerned (a step that moved it on, or a later step with its own check, leaves
     * it alone). The provider's final answer is applied; an open or unknown one (pending, provider unreachable)
     * leaves the payment {@code processing} and, if {@code again}, schedules the next check, waiting twice as
     * long each round; after {@link #LAST_ROUND} the sweep keeps asking.
     */
    private PaymentIntent reconcile(PaymentIntent intent, ProviderEvent event, boolean again) {
        Payment payment = intent.payment(event.paymentId()).orElseThrow();
        if (!awaitingLivePayer(payment) && (payment.status() != PaymentStatus.PROCESSING
                || (event.unchangedSince() != null && payment.updatedAt().isAfter(event.unchangedSince())))) {
            return intent;
        }
        ProviderAnswer answer;
        try {
            answer = connectors.of(payment).status(payment);
        } catch (RuntimeException unreachable) {
            LOG.warn("status of payment {} unknown, asked again later: {}", payment.id(),
                    describe(unreachable)); // never a stack trace in a log line
            answer = null;
        }
        if (answer instanceof ProviderAnswer.Succeeded || answer instanceof ProviderAnswer.Failed) {
            return apply(intent, payment.id(), answer);
        }
        if (again && event.round() < LAST_ROUND) {
            ProviderEvent next = check(intent.id(), payment, event.round() + 1);
            scheduler.schedule(next, waitBefore(next.round()));
        }
        return intent;
    }

    /**
     * A live payment whose provider asked the payer to act (approve on the phone: MTN MoMo, FedaPay; pay on the
     * provider's page: Wave). No later step of ours follows (no OTP to forward): the outcome is the provider's, told
     * by its callback or read by this check, whose guard on the payment's last change (the action made it change
     * after the check was scheduled) would otherwise leave it waiting forever when the callback is lost.
     */
    private static boolean awaitingLivePayer(Payment payment) {
        return payment.status() == PaymentStatus.ACTION_REQUIRED && payment.gatewayId() != null
                && (payment.nextAction() == null || payment.nextAction().type() != io.cauri.intent.NextAction.Type.OTP);
    }

    /** How long after the previous check the {@code round}-th one comes: the window, doubling, at most 15 min. */
    Duration waitBefore(int round) {
        Duration wait = providerWindow.multipliedBy(1L << Math.min(round, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /**
     * A known answer whose write failed ({@code ask} in {@link PaymentAttempts}): the same answer as a provider
     * event, so it is applied shortly after rather than only when the reconciliation comes round. A final
     * answer only; an open one (pending, action required) is what the reconciliation check asks again.
     */
    public static Optional<ProviderEvent> asEvent(String intentId, String paymentId, ProviderAnswer answer) {
        if (answer instanceof ProviderAnswer.Succeeded) {
            return Optional.of(ProviderEvent.succeeded(intentId, paymentId));
        }
        if (answer instanceof ProviderAnswer.Failed failed) {
            return Optional.of(ProviderEvent.failed(intentId, paymentId, failed.code(), failed.message()));
        }
        return Optional.empty();
    }

    /** What one settling sweep did: payments found processing past their window, and how many it settled. */
    public record SettlingSweep(int found, int settled) {
    }

    /**
     * The sweep's side of the provider window (expire-intents runs it on its schedule): a payment still
     * {@code processing} a whole {@code window} after it got there is reconciled as its scheduled check would
     * have been — the provider is asked, a final answer is applied, an open one leaves it {@code processing}
     * for the next run. This is what reconciles an attempt whose checks were lost (the function died before
     * scheduling one, a message went to the dead-letter queue) or ran out of rounds. Reads each intent again,
     * consistently: the index is eventually consistent.
     */
    public SettlingSweep settleOverdue(java.time.Duration window, int limit) {
        Instant cutoff = now().minus(window);
        java.util.List<String> ids = intents.processingIds(cutoff, limit);
        int settled = 0;
        for (String id : ids) {
            Optional<PaymentIntent> intent = intents.find(id);
            Optional<Payment> payment = intent.flatMap(PaymentIntent::currentPayment)
                    .filter(p -> p.status() == PaymentStatus.PROCESSING && !p.updatedAt().isAfter(cutoff));
            if (payment.isEmpty()) {
                continue;
            }
            try {
                PaymentIntent after = reconcile(intent.get(), check(id, payment.get(), 0), false);
                if (after.payment(payment.get().id()).map(p -> p.status().isFinal()).orElse(false)) {
                    settled++;
                }
            } catch (ConcurrentChangeException busy) {
                // another writer keeps changing it right now: the next run looks again
            }
        }
        return new SettlingSweep(ids.size(), settled);
    }

    /**
     * The first reconciliation check of the step that put {@code payment} in {@code processing}, due at the end
     * of the provider window: it concerns the payment only while it is still processing since that step.
     */
    public static ProviderEvent check(String intentId, Payment payment) {
        return check(intentId, payment, 0);
    }

    private static ProviderEvent check(String intentId, Payment payment, int round) {
        return ProviderEvent.check(intentId, payment.id(), payment.updatedAt(), round);
    }

    /** The diagram's path to success goes through processing: action_required → processing → successful. */
    private static PaymentIntent processing(PaymentIntent intent, Payment payment, Instant now) {
        return payment.status() == PaymentStatus.ACTION_REQUIRED
                ? IntentStateMachine.resume(intent, payment.id(), now) : intent;
    }

    private PaymentIntent change(PaymentIntent current, UnaryOperator<PaymentIntent> decide) {
        PaymentIntent intent = current;
        for (int attempt = 1; ; attempt++) {
            PaymentIntent next = decide.apply(intent);
            if (next == intent) {
                return intent;
            }
            try {
                return intents.update(next);
            } catch (ConcurrentChangeException lost) {
                if (attempt == ATTEMPTS) {
                    throw lost;
                }
                intent = intents.find(intent.id()).orElseThrow();
            }
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A provider failure for a log line: its class and its cause's, never a message or stack trace (which may
     * carry a payer's number). Here rather than the HTTP edge's error mapping: the domain imports nothing of it.
     */
    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? failure.getClass().getName()
                : failure.getClass().getName() + " caused by " + cause.getClass().getName();
    }
}
