package io.cauri.provider;

import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;

/**
 * What a provider is asked to collect: the stored attempt (already {@code processing}) and what only the
 * provider needs — the OTP the payer may have given up front. The OTP is never stored.
 */
public record ProviderRequest(PaymentIntent intent, Payment payment, String otp) {
}
