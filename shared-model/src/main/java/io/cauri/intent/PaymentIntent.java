package io.cauri.intent;

import io.cauri.merchant.Mode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The intent to collect {@code amount} minor units of {@code currency} from a customer of a merchant,
 * with every payment attempt made on it. Immutable: a change is a new value, stored with a conditional
 * write on {@code version} (null until first stored).
 */
public record PaymentIntent(
        String id,
        String merchantId,
        Mode mode,
        Instant createdAt,
        Instant updatedAt,
        String purchaseReference,
        String customerReference,
        IntentStatus status,
        long amount,
        Currency currency,
        List<Payment> payments,
        NextAction nextAction,
        Failure lastPaymentFailure,
        String overrideBusinessName,
        Long version,
        IntentDetails details) {

    /** HUB2: an intent still unpaid this long after its creation is canceled by the system. */
    public static final Duration UNPAID_LIFETIME = Duration.ofHours(24);

    public PaymentIntent {
        payments = payments == null ? List.of() : List.copyOf(payments);
        details = details == null ? IntentDetails.NONE : details;
    }

    /** A new intent, waiting for its first payment attempt. */
    public static PaymentIntent open(String id, String merchantId, Mode mode, Instant now, String purchaseReference,
                                     String customerReference, long amount, Currency currency,
                                     String overrideBusinessName) {
        return open(id, merchantId, mode, now, purchaseReference, customerReference, amount, currency,
                overrideBusinessName, IntentDetails.NONE);
    }

    /** A new intent with the v1 family's details. */
    public static PaymentIntent open(String id, String merchantId, Mode mode, Instant now, String purchaseReference,
                                     String customerReference, long amount, Currency currency,
                                     String overrideBusinessName, IntentDetails details) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        return new PaymentIntent(id, merchantId, mode, now, now, purchaseReference, customerReference,
                IntentStatus.PAYMENT_REQUIRED, amount, currency, List.of(), null, null, overrideBusinessName, null,
                details);
    }

    /** New description or metadata (v1 PATCH): not a status change. */
    public PaymentIntent withDetails(IntentDetails newDetails, Instant at) {
        return new PaymentIntent(id, merchantId, mode, createdAt, at, purchaseReference, customerReference, status,
                amount, currency, payments, nextAction, lastPaymentFailure, overrideBusinessName, version, newDetails);
    }

    /** Waiting for the payer: no payment in flight with a provider, none succeeded, not canceled. */
    public boolean awaitsPayment() {
        return status == IntentStatus.PAYMENT_REQUIRED || status == IntentStatus.ACTION_REQUIRED;
    }

    /** When the system cancels this intent if it still {@linkplain #awaitsPayment() awaits payment}. */
    public Instant expiresAt() {
        return createdAt.plus(UNPAID_LIFETIME);
    }

    public boolean isOwnedBy(String merchant, Mode inMode) {
        return merchantId.equals(merchant) && mode == inMode;
    }

    public Optional<Payment> payment(String paymentId) {
        return payments.stream().filter(p -> p.id().equals(paymentId)).findFirst();
    }

    /** The attempt in flight, if any (at most one: the state machine refuses a second). */
    public Optional<Payment> currentPayment() {
        return payments.isEmpty() ? Optional.empty() : Optional.of(payments.get(payments.size() - 1))
                .filter(p -> !p.status().isFinal());
    }

    /** Records the provider's reference of an attempt: data, not a status change. */
    public PaymentIntent withProviderReference(String paymentId, String reference) {
        if (reference == null) {
            return this;
        }
        List<Payment> updated = payments.stream()
                .map(p -> p.id().equals(paymentId) ? p.withProviderReference(reference) : p).toList();
        return new PaymentIntent(id, merchantId, mode, createdAt, updatedAt, purchaseReference, customerReference,
                status, amount, currency, updated, nextAction, lastPaymentFailure, overrideBusinessName, version, details);
    }

    PaymentIntent with(IntentStatus newStatus, Instant at, List<Payment> newPayments, NextAction action,
                       Failure lastFailure) {
        return new PaymentIntent(id, merchantId, mode, createdAt, at, purchaseReference, customerReference,
                newStatus, amount, currency, newPayments, action, lastFailure, overrideBusinessName, version, details);
    }
}
