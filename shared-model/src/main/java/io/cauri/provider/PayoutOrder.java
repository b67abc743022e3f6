package io.cauri.provider;

import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;

/**
 * What a provider is asked to send to a mobile money wallet: {@code amount} minor units of {@code currency} to
 * {@code msisdn} on {@code provider} in {@code country}. {@code id} is the transfer's id: the provider's request is
 * idempotent on it (MTN's {@code X-Reference-Id} derived from it, Wave's {@code Idempotency-Key}), so sending an
 * order twice pays once. {@code providerReference} is what the provider gave back for it, null before.
 */
public record PayoutOrder(String id, Mode mode, String country, String provider, String msisdn, String recipientName,
                          long amount, Currency currency, String description, String providerReference) {
}
