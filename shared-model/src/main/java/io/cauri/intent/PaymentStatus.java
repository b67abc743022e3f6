package io.cauri.intent;

/** Status of one Payment attempt. Transitions are decided only by {@link IntentStateMachine}. */
public enum PaymentStatus {
    PROCESSING("processing"),
    ACTION_REQUIRED("action_required"),
    SUCCESSFUL("successful"),
    FAILED("failed");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == SUCCESSFUL || this == FAILED;
    }
}
