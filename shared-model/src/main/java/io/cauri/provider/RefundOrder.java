package io.cauri.provider;

import io.cauri.intent.Currency;
import io.cauri.intent.Payment;

/**
 * What a provider is asked to give back to a payer: {@code amount} (at most the payment's amount) of a
 * {@code payment} it collected. {@code id} is the refund's id: the provider's request is idempotent on it.
 * {@code providerReference} is what the provider gave back for the refund, null before.
 */
public record RefundOrder(String id, Payment payment, long amount, Currency currency, String reason,
                          String providerReference) {
}
