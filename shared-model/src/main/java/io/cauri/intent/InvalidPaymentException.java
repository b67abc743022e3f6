package io.cauri.intent;

/**
 * An attempt the domain refuses before anything is stored: unknown provider for the country, currency
 * of the route unlike the intent's, amount outside the provider's limits, sync on a provider without it.
 * {@code param} names the request field at fault (400).
 */
public final class InvalidPaymentException extends RuntimeException {
    private final String code;
    private final String param;

    public InvalidPaymentException(String code, String param, String message) {
        super(message, null, false, false);
        this.code = code;
        this.param = param;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
