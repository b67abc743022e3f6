package io.cauri.refusal;

/**
 * A request the domain refuses, with what its error body needs and nothing of HTTP: the {@link Refusal}, the
 * request field at fault ({@code param}, null when no single field is) and a message for the caller. Every
 * domain refusal is one of these, so the HTTP layer maps them all in one place. Thrown before anything is
 * stored, without a stack trace (it is an answer, not a fault).
 */
public abstract class RefusalException extends RuntimeException {
    private final Refusal refusal;
    private final String param;
    private final String publicMessage;

    /** A refusal whose message is also what the caller reads. */
    protected RefusalException(Refusal refusal, String param, String message) {
        this(refusal, param, message, message);
    }

    /**
     * A refusal whose caller-facing message differs from the exception's own ({@code detail}, which may name
     * internals the caller need not read).
     */
    protected RefusalException(Refusal refusal, String param, String publicMessage, String detail) {
        super(detail, null, false, false);
        this.refusal = refusal;
        this.param = param;
        this.publicMessage = publicMessage;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }

    /** The human message the error body carries. */
    public String publicMessage() {
        return publicMessage;
    }
}
