package io.cauri.payment;

import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IllegalTransitionException;
import io.cauri.intent.IntentDetails;
import io.cauri.intent.IntentNotFoundException;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Caller;
import io.cauri.refusal.InvalidPaymentException;
import io.cauri.refusal.Refusal;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The operations on payment intents that every route family calls. Inputs arrive validated by the wire
 * layer; this class enforces ownership and persists through {@link IntentRepository}.
 */
@Singleton
public class IntentLifecycle {

    private final IntentRepository intents;
    private final io.cauri.customer.CustomerRepository customers;
    private final Clock clock;
    private final io.cauri.provider.ProviderCoverage coverage;

    public IntentLifecycle(IntentRepository intents, io.cauri.customer.CustomerRepository customers, Clock clock,
                                io.cauri.provider.ProviderCoverage coverage) {
        this.intents = intents;
        this.customers = customers;
        this.clock = clock;
        this.coverage = coverage;
    }

    /** Who the v1 intent is for: an existing customer id, or an email and/or phone to find or create one. */
    public record CustomerSpec(String customerId, String email, String phone) {
        public static final CustomerSpec NONE = new CustomerSpec(null, null, null);
    }

    public record NewIntent(String purchaseReference, String customerReference, long amount, Currency currency,
                            String overrideBusinessName) {
    }

    public PaymentIntent create(Caller caller, NewIntent request) {
        return create(caller, request, IntentDetails.NONE, CustomerSpec.NONE);
    }

    /** v1 create: the details, and the customer resolved (an unknown customer id is a 400 on {@code customer}). */
    public PaymentIntent create(Caller caller, NewIntent request, IntentDetails details, CustomerSpec customer) {
        requirePayable(request.amount(), request.currency());
        String customerId = null;
        if (customer.customerId() != null) {
            customerId = customers.find(caller.merchantId(), caller.mode(), customer.customerId())
                    .orElseThrow(() -> new InvalidPaymentException(Refusal.INVALID_PARAMETER, "customer",
                            "No customer " + customer.customerId() + "."))
                    .id();
        } else if (customer.email() != null || customer.phone() != null) {
            customerId = customers.findOrCreate(caller.merchantId(), caller.mode(), customer.email(), customer.phone()).id();
        }
        IntentDetails withCustomer = new IntentDetails(details.description(), details.metadata(), customerId,
                details.transactionCountry(), details.payerCountry(), details.railCountry());
        PaymentIntent intent = PaymentIntent.open(Ids.next(Ids.INTENT), caller.merchantId(), caller.mode(), now(),
                request.purchaseReference(), request.customerReference(), request.amount(), request.currency(),
                request.overrideBusinessName(), withCustomer);
        return intents.create(intent);
    }

    /**
     * An intent above the largest amount any route accepts in its currency could never be paid, and a huge
     * amount only invites overflow downstream (fees, totals): refused at creation, on {@code amount}.
     */
    private void requirePayable(long amount, Currency currency) {
        java.util.OptionalLong max = coverage.maxAmount(currency);
        if (max.isEmpty()) {
            throw new InvalidPaymentException(Refusal.UNSUPPORTED_CURRENCY, "currency",
                    "No payment route accepts " + currency + ".");
        }
        if (amount > max.getAsLong()) {
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, "amount", "amount must be at most "
                    + max.getAsLong() + " " + currency + ", the largest amount any payment route accepts.");
        }
    }

    /** v1 PATCH: description and metadata merge; refused (409) once the intent is final. */
    public PaymentIntent update(Caller caller, String intentId, String description, java.util.Map<String, String> metadata) {
        PaymentIntent intent = retrieve(caller, intentId);
        if (intent.status().isFinal()) {
            throw new IllegalTransitionException("payment intent", intent.status().wire(), "updated");
        }
        return intents.update(intent.withDetails(intent.details().updated(description, metadata), now()));
    }

    /** Cancel (v1): from payment_required or action_required; a payment waiting for the payer fails {@code canceled}. */
    public PaymentIntent cancel(Caller caller, String intentId) {
        PaymentIntent intent = retrieve(caller, intentId);
        return intents.update(IntentStateMachine.cancel(intent,
                new Failure(FailureCode.CANCELED, "The payment intent was canceled.", null), now()));
    }

    /** v1 list: one page by cursor, newest first. */
    public IntentRepository.CursorPage page(Caller caller, int limit, String startingAfter, String endingBefore) {
        PaymentIntent after = startingAfter == null ? null : cursor(caller, startingAfter, "starting_after");
        PaymentIntent before = endingBefore == null ? null : cursor(caller, endingBefore, "ending_before");
        return intents.page(caller.merchantId(), caller.mode(), limit, after, before);
    }

    private PaymentIntent cursor(Caller caller, String intentId, String param) {
        try {
            return retrieve(caller, intentId);
        } catch (IntentNotFoundException e) {
            throw new InvalidPaymentException(Refusal.INVALID_PARAMETER, param, "No payment intent " + intentId + ".");
        }
    }

    /**
     * The intent if this caller may see it. Unknown ids, other merchants' and other modes' intents, and
     * (for a token holder) any intent but its own all look the same: not found.
     */
    public PaymentIntent retrieve(Caller caller, String intentId) {
        if (!Ids.looksLike(Ids.INTENT, intentId) || (caller.isClient() && !caller.intentId().equals(intentId))) {
            throw new IntentNotFoundException(intentId);
        }
        PaymentIntent intent = intents.find(intentId)
                .filter(i -> i.isOwnedBy(caller.merchantId(), caller.mode()))
                .orElseThrow(() -> new IntentNotFoundException(intentId));
        return expireIfDue(intent);
    }

    /**
     * An intent still unpaid {@link PaymentIntent#UNPAID_LIFETIME} after creation is canceled, with the same
     * write (and so the same {@code payment_intent.canceled} event) as a merchant's cancel. Two paths call
     * this: any read of the intent (so nobody ever sees an overdue intent open) and {@link #expireOverdue},
     * which the scheduled expire-intents function runs (so the merchant's webhook fires without a read).
     */
    private PaymentIntent expireIfDue(PaymentIntent intent) {
        if (!intent.awaitsPayment() || now().isBefore(intent.expiresAt())
                || intent.currentPayment().filter(Payment::waitsForProvider).isPresent()) {
            return intent; // a live payment the provider may still complete is never expired under its feet
        }
        try {
            return intents.update(IntentStateMachine.cancel(intent,
                    new Failure(FailureCode.CANCELED, "The payment intent expired unpaid.", null), now()));
        } catch (ConcurrentChangeException raced) {
            return intents.find(intent.id()).orElse(intent);
        }
    }

    /** What one expiry sweep did: overdue intents found in the index, and how many of them it left canceled. */
    public record ExpirySweep(int found, int canceled) {
    }

    /**
     * The system's side of expiry: cancels up to {@code limit} intents whose unpaid lifetime is over. The
     * index is eventually consistent, so each intent is read again (consistently) and only canceled if it
     * still awaits payment; one paid or canceled meanwhile is left as it is.
     */
    public ExpirySweep expireOverdue(int limit) {
        int canceled = 0;
        java.util.List<String> overdue = intents.overdueIds(now(), limit);
        for (String id : overdue) {
            PaymentIntent before = intents.find(id).orElse(null);
            if (before != null && expireIfDue(before).status() == IntentStatus.CANCELED && before.awaitsPayment()) {
                canceled++;
            }
        }
        return new ExpirySweep(overdue.size(), canceled);
    }

    public IntentRepository.Page list(IntentRepository.Query query) {
        return intents.list(query);
    }

    /** Timestamps carry milliseconds, no more: what is stored is exactly what is shown. */
    public Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
