package io.cauri.transfer;

import java.util.Optional;

/** HUB2's transfer statuses: pending until the provider pays the recipient or refuses. */
public enum TransferStatus {
    PENDING("pending"), SUCCESSFUL("successful"), FAILED("failed");

    private final String wire;

    TransferStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this != PENDING;
    }

    public static Optional<TransferStatus> fromWire(String value) {
        for (TransferStatus s : values()) {
            if (s.wire.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
