package io.cauri.intent;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** A change the state machine forbids, e.g. attempting a payment on a successful intent (409). */
public final class IllegalTransitionException extends RefusalException {
    private final String from;
    private final String to;

    public IllegalTransitionException(String what, String from, String to) {
        // the caller reads the intent's state (from), never the internal name of the refused change
        super(Refusal.INVALID_STATE, null,
                "The payment intent is " + from + "; this request is not allowed in that state.",
                what + " cannot go from " + from + " to " + to);
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
