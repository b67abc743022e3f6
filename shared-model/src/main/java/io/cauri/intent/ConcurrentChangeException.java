package io.cauri.intent;

/** Another request changed the intent between our read and our write; ours was not stored (409). */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String intentId) {
        super("payment intent " + intentId + " was changed by another request", null, false, false);
    }
}
