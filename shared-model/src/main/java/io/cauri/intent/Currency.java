package io.cauri.intent;

import java.util.Optional;

/**
 * The currencies Cauri settles. All three have no minor unit (ISO 4217 exponent 0), so an amount of
 * 100 XOF is stored as the long 100. A currency with decimals would add its exponent here.
 */
public enum Currency {
    XOF, XAF, GNF;

    public static Optional<Currency> fromCode(String code) {
        for (Currency c : values()) {
            if (c.name().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
