package io.cauri.sdk;

/** A webhook delivery that must not be trusted; answer it {@code 400} (or {@code 401}) and act on nothing in it. */
public final class WebhookVerificationException extends Exception {
    /** Why the delivery was refused. */
    public enum Reason {
        /** A header the scheme checked needs is absent or empty (for the default, any of the three {@code webhook-*}). */
        MISSING_HEADER,
        /** {@code webhook-timestamp} is not Unix seconds. */
        INVALID_TIMESTAMP,
        /** {@code webhook-timestamp} is further from now than the tolerance: an old (replayed) or future delivery. */
        TIMESTAMP_OUTSIDE_TOLERANCE,
        /** No signature in the header matches the body with any of the secrets given. */
        NO_MATCHING_SIGNATURE,
        /** A secret given to the verifier is not {@code whsec_} + base64. */
        INVALID_SECRET,
        /** The signature matched but the body is not a JSON event. */
        INVALID_PAYLOAD
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WebhookVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
