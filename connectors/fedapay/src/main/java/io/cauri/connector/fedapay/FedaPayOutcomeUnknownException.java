package io.cauri.connector.fedapay;

/**
 * A call whose effect at FedaPay is not known: sent, then a timeout, a 5xx, a connection that ended, or an answer
 * that cannot be read. The provider port reads an exception as "nothing is known": the payment stays
 * {@code processing} and its status is asked again later; it is never failed on this.
 *
 * <p>{@link #transactionId()} is the FedaPay transaction already created when the push was the unknown step
 * (null when the creation itself is unknown): the one to read the status of, never to create or push again.
 * The message names the step and the HTTP status, never a credential or a body.
 */
public final class FedaPayOutcomeUnknownException extends RuntimeException {

    /** Which call was unknown. */
    public enum Step { CREATE, TOKEN, PUSH, RETRIEVE }

    private final Step step;
    private final Long transactionId;

    public FedaPayOutcomeUnknownException(Step step, Long transactionId, String message, Throwable cause) {
        super(step + (transactionId == null ? "" : " of FedaPay transaction " + transactionId) + ": " + message, cause);
        this.step = step;
        this.transactionId = transactionId;
    }

    public Step step() {
        return step;
    }

    public Long transactionId() {
        return transactionId;
    }
}
