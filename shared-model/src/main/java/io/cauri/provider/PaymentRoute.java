package io.cauri.provider;

import io.cauri.intent.Currency;

import java.util.List;

/**
 * One way to collect money: a provider in a country, in that country's currency, for amounts between
 * {@code minAmount} and {@code maxAmount} minor units (inclusive). Comes from configuration
 * ({@link ProviderCoverage}), never from code. {@code flow} is what the payer does by default;
 * {@code alternativeFlows} are the other flows the provider offers, chosen by a payer's preferred flow.
 */
public record PaymentRoute(String country, Currency currency, String provider, long minAmount, long maxAmount,
                           NextActionFlow flow, boolean supportsSync, List<NextActionFlow> alternativeFlows) {

    public PaymentRoute {
        alternativeFlows = alternativeFlows == null ? List.of() : List.copyOf(alternativeFlows);
    }

    /** A route with one flow. */
    public PaymentRoute(String country, Currency currency, String provider, long minAmount, long maxAmount,
                        NextActionFlow flow, boolean supportsSync) {
        this(country, currency, provider, minAmount, maxAmount, flow, supportsSync, List.of());
    }

    public boolean offers(NextActionFlow candidate) {
        return flow == candidate || alternativeFlows.contains(candidate);
    }

    /** The preferred flow where this provider offers it, else its default: a preference, never a refusal. */
    public NextActionFlow flowFor(NextActionFlow preferred) {
        return preferred != null && offers(preferred) ? preferred : flow;
    }

    /** What the payer does after an attempt with this provider (sandbox flows of docs/CONTRACT.md §4). */
    public enum NextActionFlow {
        OTP, USSD, REDIRECTION
    }

    public boolean accepts(long amount) {
        return amount >= minAmount && amount <= maxAmount;
    }
}
