package io.cauri.intent;

import java.math.BigDecimal;
import java.util.List;

/**
 * One fee charged on a payment (HUB2). {@code rate} is a percentage for percent fees (exact decimal,
 * never a float: 1.5 % is {@code 1.5}) or the flat amount for flat fees; {@code amount} is what the payer
 * is charged, in minor units.
 */
public record Fee(String id, BigDecimal rate, RateType rateType, long amount, Currency currency, String label,
                  List<String> taxes) {

    public enum RateType {
        PERCENT, FLAT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Fee {
        taxes = taxes == null ? List.of() : List.copyOf(taxes);
    }
}
