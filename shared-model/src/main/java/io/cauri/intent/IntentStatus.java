package io.cauri.intent;

/** Status of a PaymentIntent (HUB2). Transitions are decided only by {@link IntentStateMachine}. */
public enum IntentStatus {
    PAYMENT_REQUIRED("payment_required"),
    PROCESSING("processing"),
    ACTION_REQUIRED("action_required"),
    SUCCESSFUL("successful"),
    CANCELED("canceled");

    private final String wire;

    IntentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == SUCCESSFUL || this == CANCELED;
    }
}
