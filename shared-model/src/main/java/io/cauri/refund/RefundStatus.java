package io.cauri.refund;

import java.util.Optional;

/** A refund is pending until the provider gives the payer the money back or refuses. */
public enum RefundStatus {
    PENDING("pending"), SUCCEEDED("succeeded"), FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this != PENDING;
    }

    public static Optional<RefundStatus> fromWire(String value) {
        for (RefundStatus s : values()) {
            if (s.wire.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
