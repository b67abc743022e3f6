package io.cauri.intent;

import java.time.Instant;
import java.util.List;

/**
 * One attempt to pay a PaymentIntent. It lives inside its intent's item, so an attempt and the intent's
 * status always change together in one conditional write.
 */
public record Payment(
        String id,
        String intentId,
        Instant createdAt,
        Instant updatedAt,
        PaymentStatus status,
        long amount,
        Currency currency,
        String method,
        String country,
        String provider,
        String number,
        Failure failure,
        List<Fee> fees,
        NextAction nextAction,
        String providerReference,
        String gatewayId,
        String onSuccessRedirectionUrl,
        String onFailedRedirectionUrl) {

    public Payment {
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    Payment withProviderReference(String reference) {
        return new Payment(id, intentId, createdAt, updatedAt, status, amount, currency, method, country, provider,
                number, failure, fees, nextAction, reference, gatewayId, onSuccessRedirectionUrl,
                onFailedRedirectionUrl);
    }

    Payment withStatus(PaymentStatus newStatus, Instant at, NextAction action, Failure why) {
        return new Payment(id, intentId, createdAt, at, newStatus, amount, currency, method, country, provider,
                number, why, fees, action, providerReference, gatewayId, onSuccessRedirectionUrl,
                onFailedRedirectionUrl);
    }
}
