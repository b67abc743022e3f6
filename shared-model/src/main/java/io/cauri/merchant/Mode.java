package io.cauri.merchant;

import java.util.Optional;

/** HUB2's {@code Environment}: every object lives in exactly one mode and is invisible from the other. */
public enum Mode {
    LIVE("live"), SANDBOX("sandbox");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Mode> fromWire(String value) {
        for (Mode m : values()) {
            if (m.wire.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
