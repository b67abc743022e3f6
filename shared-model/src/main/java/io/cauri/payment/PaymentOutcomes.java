package io.cauri.payment;

import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.IntentBookkeeping;
import io.cauri.ledger.Postings;
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
 * A live payment whose payer acts at the provider (a USSD prompt, the provider's checkout page) waits in
 * {@code action_required} for the provider, not for us: it is reconciled the same way. A provider that still
 * reports a payment undecided once the provider expiry has passed since the attempt (every operator has let its
 * request lapse by then) has a payer who never answered: the payment fails {@code timeout}.
 */
@Singleton
public class PaymentOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentOutcomes.class);
    private static final int ATTEMPTS = 5;
    /**
     * Scheduled checks of one step after the first: each waits twice as long as the one before (at most
     * {@link #LONGEST_WAIT}). After the last, the expiry sweep keeps asking on its own schedule (a
     * live payment waiting for its payer at the provider also keeps its checks until the provider decides).
     */
    static final int LAST_ROUND = 6;
    /** SQS's longest message delay. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final IntentRepository intents;
    private final IntentBookkeeping books;
    private final Clock clock;
    private final ProviderEventScheduler scheduler;
    private final Connectors connectors;
    private final Duration providerWindow;
    private final Duration providerExpiry;

    /**
     * @param providerWindow how long a provider has to settle a request before it is reconciled (the same
     *                       setting the sandbox gateway reads)
     * @param providerExpiry how long after an attempt a payment the provider still reports undecided is taken to
     *                       be one the payer never answered: longer than any connector's own request lifetime
     *                       (a Wave checkout session lasts 30 minutes; an MTN request to pay a few)
     */
    public PaymentOutcomes(IntentRepository intents, IntentBookkeeping books, Clock clock,
                           ProviderEventScheduler scheduler, Connectors connectors,
                           @Value("${cauri.payments.provider-window:2m}") Duration providerWindow,
                           @Value("${cauri.payments.provider-expiry:1h}") Duration providerExpiry) {
        this.providerExpiry = providerExpiry;
        this.intents = intents;
        this.books = books;
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
                if (payment.status() == PaymentStatus.FAILED && answer instanceof ProviderAnswer.Succeeded) {
                    // the provider took money for a payment that ended here without it (a late approval after
                    // a timeout or a cancel): never silent, someone must refund or settle it by hand
                    LOG.error("payment {} of intent {} is failed here but its provider reports it successful: "
                            + "refund or settle it by hand", payment.id(), intent.id());
                }
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
     * long each round; after {@link #LAST_ROUND} the sweep keeps asking (a live payment waiting for its payer at the
     * provider, which the sweep does not see, keeps its checks, at most {@link #LONGEST_WAIT} apart).
     */
    private PaymentIntent reconcile(PaymentIntent intent, ProviderEvent event, boolean again) {
        Payment payment = intent.payment(event.paymentId()).orElseThrow();
        if (!awaitsProvider(payment, event)) {
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
        if (answer != null && payment.gatewayId() != null
                && !now().isBefore(payment.createdAt().plus(providerExpiry))) {
            // a live provider answered, and its answer is "not decided" long after its request lapsed: the payer
            // never answered. Never on an unknown outcome (no answer): that one is asked again. The sandbox
            // gateway ends its own requests (its status answers timeout once the window is over).
            return apply(intent, payment.id(), new ProviderAnswer.Failed(FailureCode.TIMEOUT,
                    "The payer did not approve the payment in time."));
        }
        // The sweep asks again for a processing payment after the last round; it does not see one waiting in
        // action_required (it would be canceled unpaid after the intent's lifetime): its checks go on instead.
        if (again && (event.round() < LAST_ROUND || payment.status() == PaymentStatus.ACTION_REQUIRED)) {
            ProviderEvent next = check(intent.id(), payment, event.round() + 1);
            scheduler.schedule(next, waitBefore(next.round()));
        }
        return intent;
    }

    /** What one provider hint led to ({@link #readNow}). */
    public enum HintOutcome {
        /** The payment had already ended: nothing was asked, nothing changed. */
        ALREADY_FINAL,
        /** The provider's final answer was applied (or had been, by a racing writer). */
        SETTLED,
        /** The provider has not decided yet (pending, the payer still has to act): nothing changed. */
        STILL_OPEN,
        /** The provider could not be read (unreachable, unreadable answer): nothing changed. */
        UNKNOWN
    }

    /** The intent after a hint, and what the hint led to. */
    public record Hint(PaymentIntent intent, HintOutcome outcome) {
    }

    /**
     * A provider's hint that one payment may have moved on (an unsigned callback, or a verified webhook that is
     * re-read before money moves): one status read through the payment's own connector, whose final answer is
     * applied. An open answer, or none (provider unreachable, unreadable answer), changes nothing and schedules
     * nothing: the hint adds no work to the payment's own checks and the sweep, so whoever sends hints cannot
     * multiply them. A payment already final is not read at all: no provider answer could change it. Unlike a
     * scheduled check it also reads a payment waiting in {@code action_required} (a USSD prompt, a checkout
     * page): that is the step a provider's callback ends.
     */
    public Hint readNow(PaymentIntent intent, String paymentId) {
        Payment payment = intent.payment(paymentId).orElseThrow();
        if (payment.status().isFinal()) {
            return new Hint(intent, HintOutcome.ALREADY_FINAL);
        }
        ProviderAnswer answer;
        try {
            answer = connectors.of(payment).status(payment);
        } catch (RuntimeException unreachable) {
            LOG.warn("status of payment {} unknown after a provider hint: {}", payment.id(), describe(unreachable));
            return new Hint(intent, HintOutcome.UNKNOWN);
        }
        if (answer instanceof ProviderAnswer.Succeeded || answer instanceof ProviderAnswer.Failed) {
            return new Hint(apply(intent, paymentId, answer), HintOutcome.SETTLED);
        }
        return new Hint(intent, HintOutcome.STILL_OPEN);
    }

    /**
     * Whether the check {@code event} concerns {@code payment}: one {@code processing} since the step the check
     * was scheduled for (a step that moved it on, or a later step with its own check, is left alone); or a live
     * payment waiting in {@code action_required} for its payer at the provider (a USSD prompt, the provider's
     * page: not an OTP, which the payer gives us). Such a payment has one step, started by the attempt whose
     * check was scheduled before the provider was called: that check follows it to its end.
     */
    private static boolean awaitsProvider(Payment payment, ProviderEvent event) {
        if (payment.status() == PaymentStatus.PROCESSING) {
            return event.unchangedSince() == null || !payment.updatedAt().isAfter(event.unchangedSince());
        }
        return payment.waitsForProvider();
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
     * scheduling one, a message went to the dead-letter queue) or ran out of rounds. A live payment waiting for
     * its payer at the provider (USSD, the provider's page) is read the same way once its window is over. Reads
     * each intent again, consistently: the index is eventually consistent.
     */
    public SettlingSweep settleOverdue(java.time.Duration window, int limit) {
        return settleOverdue(window, limit, null);
    }

    /**
     * {@link #settleOverdue(Duration, int)} that stops reading providers once {@code deadline} (a
     * {@link System#nanoTime()} value; null: none) has passed: a slow provider must not hold the sweep past its
     * function's timeout. What it did not read, the next run reads.
     */
    public SettlingSweep settleOverdue(java.time.Duration window, int limit, Long deadline) {
        Instant cutoff = now().minus(window);
        java.util.List<String> ids = intents.processingIds(cutoff, limit);
        int settled = 0;
        for (String id : ids) {
            if (deadline != null && System.nanoTime() - deadline > 0) {
                break;
            }
            Optional<PaymentIntent> intent = intents.find(id);
            Optional<Payment> payment = intent.flatMap(PaymentIntent::currentPayment)
                    .filter(p -> (p.status() == PaymentStatus.PROCESSING || p.waitsForProvider())
                            && !p.updatedAt().isAfter(cutoff));
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
                // a payment that succeeds posts its money to the merchant's books in the same write
                return books.update(next, Postings.of(intent, next));
            } catch (ConcurrentChangeException lost) {
                if (attempt == ATTEMPTS) {
                    throw lost;
                }
                // a success also writes the merchant's balance item, which every payment of the merchant succeeding
                // at that moment writes too: a short random pause keeps the racers from colliding again at once
                pause(attempt);
                intent = intents.find(intent.id()).orElseThrow();
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a lost race", e);
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
