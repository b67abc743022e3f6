package io.cauri.intent;

/** No such intent for this caller: unknown, another merchant's, or the other mode's (always 404). */
public final class IntentNotFoundException extends RuntimeException {
    public IntentNotFoundException(String intentId) {
        super("No payment intent " + intentId + ".", null, false, false);
    }
}
