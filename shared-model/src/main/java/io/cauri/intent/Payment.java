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

    /**
     * A live payment waiting for its payer at the provider (a USSD prompt, the provider's checkout page): its
     * outcome is the provider's to tell, not ours (an OTP step waits for the payer to give us a code instead).
     * It may be paid at any moment, so it is neither canceled nor expired under the provider's feet; its checks
     * read it until the provider says how it ended.
     */
    public boolean waitsForProvider() {
        return gatewayId != null && status == PaymentStatus.ACTION_REQUIRED
                && (nextAction == null || nextAction.type() != NextAction.Type.OTP);
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
