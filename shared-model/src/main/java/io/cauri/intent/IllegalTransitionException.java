package io.cauri.intent;

/** A change the state machine forbids, e.g. attempting a payment on a successful intent (409). */
public final class IllegalTransitionException extends RuntimeException {
    private final String from;
    private final String to;

    public IllegalTransitionException(String what, String from, String to) {
        super(what + " cannot go from " + from + " to " + to, null, false, false);
        this.from = from;
        this.to = to;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
