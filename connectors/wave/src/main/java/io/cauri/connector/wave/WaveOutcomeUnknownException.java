package io.cauri.connector.wave;

/**
 * Wave's answer is not known: a timeout after the request was sent, a 5xx, a reset connection, an answer that cannot
 * be read or does not match the payment. Thrown, never turned into a failure: the payment stays {@code processing}
 * and the reconciliation asks Wave again (the provider port's contract for an exception). The message names no
 * secret and no payer data.
 */
public class WaveOutcomeUnknownException extends RuntimeException {

    public WaveOutcomeUnknownException(String message) {
        super(message);
    }

    public WaveOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
