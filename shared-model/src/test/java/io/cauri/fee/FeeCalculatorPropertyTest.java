package io.cauri.fee;

import io.cauri.intent.Fee;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderCoverage;
import io.micronaut.json.JsonMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What must hold for any amount on any route, checked against arithmetic done independently here. */
class FeeCalculatorPropertyTest {
    static final JsonMapper JSON = JsonMapper.createDefault();
    static final FeeSchedule SHIPPED = FeeSchedule.load(JSON);
    static final FeeCalculator FEES = new FeeCalculator(SHIPPED);
    static final List<PaymentRoute> ROUTES = ProviderCoverage.load(JSON).routes();

    @Provide
    Arbitrary<PaymentRoute> routes() {
        return Arbitraries.of(ROUTES);
    }

    @Property(tries = 2000)
    void totalIsAtLeastTheAmountAndAMultipleOfTheCountryStep(@ForAll("routes") PaymentRoute route,
                                                             @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount) {
        List<Fee> fees = FEES.feesFor(route, amount);
        long total = FeeCalculator.payerTotal(amount, fees);
        long step = SHIPPED.roundingStep(route.country());
        assertTrue(total >= amount);
        assertEquals(0, total % step);
        List<Fee> rounding = fees.stream().filter(f -> f.label().equals(FeeCalculator.ROUNDING_LABEL)).toList();
        assertTrue(rounding.size() <= 1);
        rounding.forEach(r -> assertTrue(r.amount() > 0 && r.amount() < step, "rounding " + r.amount() + " < " + step));
        // the rounding fee is the smallest that works: without it the total is not a multiple
        long withoutRounding = total - rounding.stream().mapToLong(Fee::amount).sum();
        assertEquals(rounding.isEmpty(), withoutRounding % step == 0);
    }

    @Property(tries = 2000)
    void aPercentFeeIsTheSmallestWholeAmountNotBelowTheExactFee(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long amount,
            @ForAll @BigRange(min = "0", max = "100") @Scale(3) BigDecimal rate) {
        FeeCalculator fees = new FeeCalculator(new FeeSchedule(new FeeSchedule.Config(
                List.of(new FeeSchedule.Rule("p", "percent", rate, List.of())), null, null)));
        PaymentRoute route = ROUTES.get(0);
        long fee = fees.feesFor(route, amount).get(0).amount();
        // exact fee = amount × rate / 100, so fee ≥ exact ⇔ 100·fee ≥ amount·rate, and fee − 1 < exact
        BigDecimal exactTimes100 = BigDecimal.valueOf(amount).multiply(rate);
        BigDecimal feeTimes100 = new BigDecimal(BigInteger.valueOf(fee).multiply(BigInteger.valueOf(100)));
        assertTrue(feeTimes100.compareTo(exactTimes100) >= 0);
        assertTrue(feeTimes100.subtract(BigDecimal.valueOf(100)).compareTo(exactTimes100) < 0);
    }
}
