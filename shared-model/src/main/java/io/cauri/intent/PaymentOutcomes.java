package io.cauri.intent;

import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.ProviderEventScheduler;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Applies what providers say — a first answer or a later event — to a stored intent through the state
 * machine, with a conditional write. A lost race re-reads and re-decides; an outcome for a payment that
 * has already ended changes nothing, so duplicated or late deliveries are harmless.
 */
@Singleton
public class PaymentOutcomes {
    private static final int ATTEMPTS = 5;

    private final IntentRepository intents;
    private final Clock clock;

    public PaymentOutcomes(IntentRepository intents, Clock clock, ProviderEventScheduler scheduler) {
        this.intents = intents;
        this.clock = clock;
        if (scheduler instanceof io.cauri.provider.InProcessProviderEventScheduler inProcess) {
            inProcess.deliverTo(this::apply); // tests and local-api: due events come straight back here
        }
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

    /** An outcome that arrived later (payer's answer, callback, a window that closed). */
    public Optional<PaymentIntent> apply(ProviderEvent event) {
        Optional<PaymentIntent> stored = intents.find(event.intentId());
        if (stored.isEmpty() || stored.get().payment(event.paymentId()).isEmpty()) {
            return stored; // unknown: nothing to change (e.g. an attempt whose write lost)
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
            };
        }));
    }

    /** What one settling sweep did: payments found processing past their window, and how many it settled. */
    public record SettlingSweep(int found, int settled) {
    }

    /**
     * The sweep's side of the provider window (expire-intents runs it on its schedule): a payment still
     * {@code processing} a whole {@code window} after it got there is settled as its scheduled check would
     * have settled it — {@code timeout}, only if it is still processing and has not moved since. This is what
     * ends an attempt whose check was lost (the function died before scheduling it, a message went to the
     * dead-letter queue). Reads each intent again, consistently: the index is eventually consistent.
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
                Optional<PaymentIntent> after = apply(timeout(id, payment.get()));
                if (after.flatMap(i -> i.payment(payment.get().id())).map(p -> p.status().isFinal()).orElse(false)) {
                    settled++;
                }
            } catch (ConcurrentChangeException busy) {
                // another writer keeps changing it right now: the next run looks again
            }
        }
        return new SettlingSweep(ids.size(), settled);
    }

    /**
     * The check at the end of the provider window for the step that put {@code payment} in
     * {@code processing}: the sandbox's unanswered request fails {@code timeout}; a payment that moved on,
     * or moved back to processing later (a new step with its own check), is left alone.
     */
    public static ProviderEvent timeout(String intentId, Payment payment) {
        return ProviderEvent.failed(intentId, payment.id(), FailureCode.TIMEOUT, "The provider did not answer in time.")
                .onlyIf(PaymentStatus.PROCESSING).unchangedSince(payment.updatedAt());
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
}
