package io.cauri.provider;

import java.util.Optional;

/** How the payer pays (HUB2 {@code paymentMethod}). */
public enum PaymentMethod {
    MOBILE_MONEY("mobile_money"), CREDIT_CARD("credit_card"), BANK_TRANSFER("bank_transfer");

    private final String wire;

    PaymentMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PaymentMethod> fromWire(String value) {
        for (PaymentMethod m : values()) {
            if (m.wire.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
