package io.cauri.refusal;


/**
 * An attempt the domain refuses before anything is stored: unknown provider for the country, currency
 * of the route unlike the intent's, amount outside the provider's limits, sync on a provider without it.
 * {@code param} names the request field at fault (400).
 */
public final class InvalidPaymentException extends RefusalException {
    public InvalidPaymentException(Refusal refusal, String param, String message) {
        super(refusal, param, message);
    }
}
