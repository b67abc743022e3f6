package io.cauri.connector.mtn;

/**
 * MTN MoMo could not give an answer. The message names the operation, the HTTP status and MTN's error code,
 * never a credential, token or header.
 */
public class MtnMomoException extends RuntimeException {

    public MtnMomoException(String message) {
        super(message);
    }

    public MtnMomoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The request may have reached MTN (timeout after sending, 5xx, connection reset, an answer that cannot be
     * read): whether the payer is debited is not known. The payment stays {@code processing}; its status is
     * read again by the same reference id, and a repeated request with that id cannot debit twice (MTN
     * answers 409).
     */
    public static final class OutcomeUnknown extends MtnMomoException {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** MTN refused the platform's credentials (subscription key, API user or API key): operators must fix them. */
    public static final class CredentialsRefused extends MtnMomoException {
        public CredentialsRefused(String message) {
            super(message);
        }
    }
}
