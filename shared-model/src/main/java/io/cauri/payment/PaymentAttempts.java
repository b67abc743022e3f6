package io.cauri.payment;

import io.cauri.fee.FeeCalculator;
import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.Fee;
import io.cauri.intent.IllegalTransitionException;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.intent.PaymentNotFoundException;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Caller;
import io.cauri.provider.PaymentMethod;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderCoverage;
import io.cauri.provider.ProviderEventScheduler;
import io.cauri.provider.Connectors;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.ReferenceSink;
import io.cauri.refusal.InvalidPaymentException;
import io.cauri.refusal.Refusal;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Payment attempts on an intent: attempt (and its synchronous variant) and OTP authentication.
 *
 * <p>Every attempt is stored <em>before</em> the provider is called, by a conditional write that moves
 * the intent out of {@code payment_required}: of two racing attempts exactly one is stored and reaches
 * the provider; the other gets 409. The provider's answer is then applied by {@link PaymentOutcomes}.
 */
@Singleton
public class PaymentAttempts {
    /** HUB2: intents left unpaid 24 h after creation are canceled and take no more attempts. */
    public static final Duration INTENT_LIFETIME = PaymentIntent.UNPAID_LIFETIME;
    /** A provider's answer whose write failed is applied again this long after (storage outages are short). */
    static final Duration UNSAVED_ANSWER_DELAY = Duration.ofSeconds(5);

    private final IntentLifecycle intents;
    private final IntentRepository repository;
    private final ProviderCoverage coverage;
    private final FeeCalculator fees;
    private final Connectors connectors;
    private final PaymentOutcomes outcomes;
    private final PaymentLocator locator;
    private final Clock clock;
    private final Duration syncWait;
    private final ProviderEventScheduler scheduler;
    private final Duration providerWindow;
    private final DuplicateDebitGuard duplicateDebits;

    /**
     * @param providerWindow how long a provider has to settle a step (its answer, or its callback) before the
     *                       payment is reconciled: the provider is asked for its status
     */
    public PaymentAttempts(IntentLifecycle intents, IntentRepository repository, ProviderCoverage coverage,
                          FeeCalculator fees, Connectors connectors, PaymentOutcomes outcomes,
                          PaymentLocator locator, Clock clock,
                          @Value("${cauri.payments.sync-wait:25s}") Duration syncWait,
                          ProviderEventScheduler scheduler,
                          @Value("${cauri.payments.provider-window:2m}") Duration providerWindow,
                          DuplicateDebitGuard duplicateDebits) {
        this.duplicateDebits = duplicateDebits;
        this.scheduler = scheduler;
        this.providerWindow = providerWindow;
        this.intents = intents;
        this.repository = repository;
        this.coverage = coverage;
        this.fees = fees;
        this.connectors = connectors;
        this.outcomes = outcomes;
        this.locator = locator;
        this.clock = clock;
        this.syncWait = syncWait;
    }

    /** A validated attempt request (HUB2 or v1 wire format, already checked at the edge). */
    public record NewPayment(PaymentMethod method, String country, String provider, String msisdn, String otp,
                             String onSuccessRedirectionUrl, String onFailedRedirectionUrl,
                             PaymentRoute.NextActionFlow preferredFlow) {

        /** HUB2's attempt: no preferred flow, the provider's default. */
        public NewPayment(PaymentMethod method, String country, String provider, String msisdn, String otp,
                          String onSuccessRedirectionUrl, String onFailedRedirectionUrl) {
            this(method, country, provider, msisdn, otp, onSuccessRedirectionUrl, onFailedRedirectionUrl, null);
        }
    }

    /** The route an attempt would take, refusing what coverage and limits do not allow (400). */
    public PaymentRoute route(PaymentIntent intent, PaymentMethod method, String country, String provider) {
        if (method == PaymentMethod.BANK_TRANSFER) {
            throw new InvalidPaymentException(Refusal.INVALID_PAYMENT_PROCESSOR, "paymentMethod",
                    "Bank transfers are not available.");
        }
        if (!coverage.knowsCountry(country)) {
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, "country", "Country " + country + " is not covered.");
        }
        PaymentRoute route = coverage.route(country, method, provider).orElseThrow(() -> new InvalidPaymentException(
                Refusal.INVALID_PAYMENT_PROCESSOR, "provider", "Provider " + provider + " is not available in " + country + "."));
        if (route.currency() != intent.currency()) {
            throw new InvalidPaymentException(Refusal.UNSUPPORTED_CURRENCY, "country", "Payments in " + country
                    + " are in " + route.currency() + "; this intent is in " + intent.currency() + ".");
        }
        if (!route.accepts(intent.amount())) {
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, "amount", provider + " in " + country
                    + " accepts " + route.minAmount() + " to " + route.maxAmount() + " " + route.currency() + ".");
        }
        connectorFor(intent, route);
        return route;
    }

    /**
     * The live connector that collects payments on this route ({@code gatewayId} of the payment), null in sandbox
     * mode (the sandbox gateway). Coverage names it per country and provider; a route without one, or whose
     * connector this deployment lacks (no credentials), takes no live payment: 400, nothing stored.
     */
    private String connectorFor(PaymentIntent intent, PaymentRoute route) {
        if (intent.mode() != io.cauri.merchant.Mode.LIVE) {
            return null;
        }
        return coverage.liveConnector(route.country(), route.provider()).filter(connectors::serves)
                .orElseThrow(() -> new InvalidPaymentException(Refusal.INVALID_PAYMENT_PROCESSOR, "provider",
                        ProviderCoverage.isCard(route)
                                ? "Live card payments are not available in " + route.country() + "."
                                : "Live payments with " + route.provider() + " in " + route.country()
                                + " are not available yet; use the sandbox environment to test them."));
    }

    /** What an attempt on this route would be charged (the fees route shows exactly this). */
    public List<Fee> fees(Caller caller, String intentId, PaymentMethod method, String country, String provider) {
        PaymentIntent intent = intents.retrieve(caller, intentId);
        return fees.feesFor(route(intent, method, country, provider), intent.amount());
    }

    public PaymentIntent attempt(Caller caller, String intentId, NewPayment request, boolean sync) {
        PaymentIntent intent = intents.retrieve(caller, intentId);
        Instant now = now(); // an intent past its lifetime was canceled by retrieve: the attempt gets 409
        PaymentRoute route = route(intent, request.method(), request.country(), request.provider());
        if (sync && !route.supportsSync()) {
            throw new InvalidPaymentException(Refusal.INVALID_PAYMENT_PROCESSOR, "provider",
                    "Synchronous attempts are only available with wave.");
        }
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), intent.id(), now, now, PaymentStatus.PROCESSING,
                intent.amount(), intent.currency(), request.method().wire(), request.country(), route.provider(),
                request.msisdn(), null, fees.feesFor(route, intent.amount()), null, null,
                connectorFor(intent, route), request.onSuccessRedirectionUrl(), request.onFailedRedirectionUrl());
        PaymentIntent attempted = IntentStateMachine.attempt(intent, payment, now); // 409s first: nothing claimed
        // Live only: claimed before the attempt is stored, so of two attempts debiting the same number the same
        // amount one is stored and the other refused (DuplicateDebitGuard).
        java.util.Optional<DebitClaim> claim = duplicateDebits.claim(intent, payment, now);
        PaymentIntent stored;
        try {
            stored = repository.updateWithNewPayment(attempted, payment.id());
        } catch (ConcurrentChangeException lost) {
            // not stored (a racing change won): the claim would hold the payer's number for nothing
            claim.ifPresent(c -> duplicateDebits.release(c, lost));
            throw lost;
        }

        java.util.concurrent.atomic.AtomicReference<PaymentIntent> latest = new java.util.concurrent.atomic.AtomicReference<>(stored);
        ReferenceSink references = reference -> latest.set(repository.update(
                latest.get().withProviderReference(payment.id(), reference)));
        PaymentIntent answered = ask(latest, payment.id(), () -> connectors.of(payment)
                .initiate(new ProviderRequest(stored, payment, request.otp(), request.preferredFlow()), references));
        return sync ? awaitFirstAnswer(answered) : answered;
    }

    /** A payment of this caller's merchant and mode; anything else is not found. */
    public Payment payment(Caller caller, String paymentId) {
        if (!Ids.looksLike(Ids.PAYMENT, paymentId)) {
            throw new PaymentNotFoundException(paymentId);
        }
        return locator.intentOf(paymentId)
                .flatMap(repository::find)
                .filter(i -> i.isOwnedBy(caller.merchantId(), caller.mode()))
                .flatMap(i -> i.payment(paymentId))
                .orElseThrow(() -> new PaymentNotFoundException(paymentId));
    }

    public record PaymentQuery(Instant from, Instant to, String intentId, PaymentStatus status, long offset, int limit) {
    }

    public record PaymentPage(List<Payment> items, long total) {
    }

    /**
     * A merchant's payments in one mode created in [from, to], newest first. A payment is made at most
     * {@link #INTENT_LIFETIME} after its intent, so the intents created in [from − lifetime, to] hold them all.
     */
    public PaymentPage list(Caller caller, PaymentQuery q) {
        List<Payment> matches = new java.util.ArrayList<>();
        for (PaymentIntent intent : repository.createdBetween(caller.merchantId(), caller.mode(),
                q.from().minus(INTENT_LIFETIME), q.to())) {
            if (q.intentId() != null && !intent.id().equals(q.intentId())) {
                continue;
            }
            for (Payment p : intent.payments()) {
                boolean inRange = !p.createdAt().isBefore(q.from()) && !p.createdAt().isAfter(q.to());
                if (inRange && (q.status() == null || p.status() == q.status())) {
                    matches.add(p);
                }
            }
        }
        matches.sort(java.util.Comparator.comparing(Payment::createdAt).reversed());
        int start = (int) Math.min(q.offset(), matches.size());
        return new PaymentPage(List.copyOf(matches.subList(start, Math.min(matches.size(), start + q.limit()))),
                matches.size());
    }

    /** Forwards the payer's OTP; only while the current payment waits for one. */
    public PaymentIntent authenticate(Caller caller, String intentId, String confirmationCode) {
        PaymentIntent intent = intents.retrieve(caller, intentId);
        if (intent.status() != IntentStatus.ACTION_REQUIRED || intent.nextAction() == null
                || intent.nextAction().type() != NextAction.Type.OTP) {
            throw new IllegalTransitionException("payment intent", intent.status().wire(), "authentication");
        }
        Payment payment = intent.currentPayment().orElseThrow();
        // Claim the OTP step: of two racing authentications one is stored, the other gets 409.
        PaymentIntent claimed = repository.update(IntentStateMachine.resume(intent, payment.id(), now()));
        return ask(new java.util.concurrent.atomic.AtomicReference<>(claimed), payment.id(),
                () -> connectors.of(payment).authenticate(payment, confirmationCode));
    }

    /**
     * The provider's answer applied to the stored attempt (or OTP step). The step's reconciliation check, due at
     * the end of the provider window, is scheduled <em>before</em> the provider is called: whatever fails after
     * this point — the provider (timed out, connection lost: it may well have taken the request), the write of
     * its answer (storage timeout, lost races), the function itself — the payment does not stay
     * {@code processing} forever, and is never failed on a guess. The provider's callback settles it if it
     * comes; else the check asks the provider for the payment's status and applies a final answer, or leaves it
     * processing and asks again later ({@link PaymentOutcomes}). An answered step has moved the payment on, or
     * is settled when asked, so the check changes nothing it should not. If even the check cannot be scheduled,
     * the provider is not called, and the expiry sweep reconciles the stored attempt once its window is over
     * ({@link PaymentOutcomes#settleOverdue}).
     *
     * <p>A final answer the provider gave but whose write failed is also scheduled as a provider event applied
     * shortly after, before the failure propagates: the answer is known, and not left to the check's timing.
     */
    private PaymentIntent ask(java.util.concurrent.atomic.AtomicReference<PaymentIntent> latest, String paymentId,
                              java.util.function.Supplier<ProviderAnswer> call) {
        PaymentIntent before = latest.get();
        Payment payment = before.payment(paymentId).orElseThrow();
        scheduler.schedule(PaymentOutcomes.check(before.id(), payment), providerWindow);
        ProviderAnswer answer;
        try {
            answer = call.get();
        } catch (RuntimeException unanswered) {
            return latest.get(); // processing: the check scheduled above, or the provider's callback, settles it
        }
        PaymentIntent stored = latest.get(); // with the provider reference the connector saved, if it saved one
        try {
            return outcomes.apply(stored, paymentId, answer);
        } catch (RuntimeException unsaved) {
            PaymentOutcomes.asEvent(stored.id(), paymentId, answer).ifPresent(event -> {
                try {
                    scheduler.schedule(event, UNSAVED_ANSWER_DELAY);
                } catch (RuntimeException unscheduled) {
                    unsaved.addSuppressed(unscheduled); // the reconciliation check still asks the provider
                }
            });
            throw unsaved;
        }
    }

    /** payments/sync: wait (bounded) until the provider's first answer has moved the intent on. */
    private PaymentIntent awaitFirstAnswer(PaymentIntent intent) {
        Instant deadline = Instant.now(clock).plus(syncWait);
        PaymentIntent current = intent;
        while (current.status() == IntentStatus.PROCESSING && Instant.now(clock).isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = repository.find(intent.id()).orElse(current);
        }
        return current;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
