package io.cauri.fee;

import io.cauri.id.Ids;
import io.cauri.intent.Fee;
import io.cauri.provider.PaymentRoute;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fees a payer is charged for an amount on a route, in minor units. Exact arithmetic only: the rate is
 * a {@link BigDecimal}, amounts are {@code long}s added with overflow checks, never a {@code double}.
 */
@Singleton
public class FeeCalculator {
    public static final String ROUNDING_LABEL = "Rounding";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FeeSchedule schedule;

    public FeeCalculator(FeeSchedule schedule) {
        this.schedule = schedule;
    }

    /**
     * The fees of the route's rules, in rule order, then — where the country rounds (HUB2) and the payer's
     * total is not a multiple of its step — a flat {@value #ROUNDING_LABEL} fee that brings it up to the
     * next multiple. Percent fees are {@code ceil(amount × rate / 100)}. Deterministic except for the ids.
     *
     * @throws IllegalArgumentException if {@code amount <= 0}
     * @throws ArithmeticException if a fee or the total does not fit in a {@code long}
     */
    public List<Fee> feesFor(PaymentRoute route, long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        List<Fee> fees = new ArrayList<>();
        for (FeeSchedule.Rule rule : schedule.rulesFor(route.country(), route.provider())) {
            long fee = switch (rule.type()) {
                case PERCENT -> BigDecimal.valueOf(amount).multiply(rule.rate())
                        .divide(HUNDRED, 0, RoundingMode.CEILING).longValueExact();
                case FLAT -> rule.rate().longValueExact();
            };
            fees.add(new Fee(Ids.next(""), rule.rate(), rule.type(), fee, route.currency(), rule.label(), rule.taxes()));
        }
        long step = schedule.roundingStep(route.country());
        long remainder = payerTotal(amount, fees) % step;
        if (remainder != 0) {
            long rounding = step - remainder;
            Math.addExact(payerTotal(amount, fees), rounding); // the rounded total must still fit
            fees.add(new Fee(Ids.next(""), BigDecimal.valueOf(rounding), Fee.RateType.FLAT, rounding,
                    route.currency(), ROUNDING_LABEL, List.of()));
        }
        return List.copyOf(fees);
    }

    /** What the payer pays: the intent amount plus every fee. */
    public static long payerTotal(long amount, List<Fee> fees) {
        long total = amount;
        for (Fee fee : fees) {
            total = Math.addExact(total, fee.amount());
        }
        return total;
    }
}
