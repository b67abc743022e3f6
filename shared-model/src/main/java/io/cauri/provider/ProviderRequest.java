package io.cauri.provider;

import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;

/**
 * What a provider is asked to collect: the stored attempt (already {@code processing}) and what only the
 * provider needs — the OTP the payer may have given up front (never stored), and the flow the payer
 * prefers where the provider offers several (null: the provider's default).
 */
public record ProviderRequest(PaymentIntent intent, Payment payment, String otp, PaymentRoute.NextActionFlow preferredFlow) {

    public ProviderRequest(PaymentIntent intent, Payment payment, String otp) {
        this(intent, payment, otp, null);
    }
}
