package io.cauri.provider;

import io.cauri.intent.Currency;

/**
 * One way to collect money: a provider in a country, in that country's currency, for amounts between
 * {@code minAmount} and {@code maxAmount} minor units (inclusive). Comes from configuration
 * ({@link ProviderCoverage}), never from code.
 */
public record PaymentRoute(String country, Currency currency, String provider, long minAmount, long maxAmount,
                           NextActionFlow flow, boolean supportsSync) {

    /** What the payer does after an attempt with this provider (sandbox flows of API.md §4). */
    public enum NextActionFlow {
        OTP, USSD, REDIRECTION
    }

    public boolean accepts(long amount) {
        return amount >= minAmount && amount <= maxAmount;
    }
}
