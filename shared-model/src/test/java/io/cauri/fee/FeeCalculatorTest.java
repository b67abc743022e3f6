package io.cauri.fee;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Fee;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderCoverage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeeCalculatorTest {
    static final JsonMapper JSON = JsonMapper.createDefault();

    /** One schedule exercising each lookup level; HUB2's rounding steps. */
    static final FeeCalculator FEES = new FeeCalculator(FeeSchedule.fromJson(JSON, """
            {
              "rules": [ {"label": "Service", "rateType": "percent", "rate": "1.5", "taxes": ["TVA 18%"]} ],
              "countries": {
                "CI": {"providers": {
                    "wave": [ {"label": "Wave", "rateType": "percent", "rate": 1} ],
                    "card": [ {"label": "Card", "rateType": "percent", "rate": "2.5", "taxes": ["TVA 18%", "Timbre"]},
                              {"label": "Card fixed", "rateType": "flat", "rate": "100"} ],
                    "moov": [] }},
                "GN": {"rules": [ {"label": "Service GN", "rateType": "PERCENT", "rate": "2"} ]},
                "TG": {"rules": []}
              },
              "roundingSteps": {"BF": 5, "CM": 5, "SN": 5, "ML": 5, "GN": 1000}
            }
            """));

    static PaymentRoute route(String country, String provider) {
        Currency currency = switch (country) {
            case "CM", "GA" -> Currency.XAF;
            case "GN" -> Currency.GNF;
            default -> Currency.XOF;
        };
        return new PaymentRoute(country, currency, provider, 1, Long.MAX_VALUE, PaymentRoute.NextActionFlow.USSD, false);
    }

    static Map<String, Long> amountsByLabel(List<Fee> fees) {
        return fees.stream().collect(Collectors.toMap(Fee::label, Fee::amount));
    }

    @ParameterizedTest
    @CsvSource({"1001, 16", "1000, 15", "1, 1", "100, 2", "200, 3", "1500000, 22500"})
    void percentFeesAreCeiledInMinorUnits(long amount, long fee) {
        List<Fee> fees = FEES.feesFor(route("CI", "orange"), amount);
        assertEquals(1, fees.size());
        Fee f = fees.get(0);
        assertEquals(fee, f.amount());
        assertEquals(Fee.RateType.PERCENT, f.rateType());
        assertEquals(new BigDecimal("1.5"), f.rate());
        assertEquals(Currency.XOF, f.currency());
        assertEquals("Service", f.label());
        assertEquals(List.of("TVA 18%"), f.taxes());
    }

    @Test
    void providerRulesWinFlatFeesAreTheirRateAndTaxesAreCarried() {
        List<Fee> fees = FEES.feesFor(route("CI", "card"), 1001);
        assertEquals(2, fees.size());
        assertEquals(26, fees.get(0).amount()); // 2.5 % of 1001 = 25.025
        assertEquals(List.of("TVA 18%", "Timbre"), fees.get(0).taxes());
        Fee flat = fees.get(1);
        assertEquals("Card fixed", flat.label());
        assertEquals(Fee.RateType.FLAT, flat.rateType());
        assertEquals(0, new BigDecimal(100).compareTo(flat.rate()));
        assertEquals(100, flat.amount());
        assertEquals(List.of(), flat.taxes());
        assertEquals(1001 + 26 + 100, FeeCalculator.payerTotal(1001, fees));
    }

    @Test
    void aNumericRateIsReadExactly() {
        FeeCalculator fees = new FeeCalculator(FeeSchedule.fromJson(JSON,
                "{\"rules\": [{\"label\": \"x\", \"rateType\": \"percent\", \"rate\": 0.1}]}"));
        Fee fee = fees.feesFor(route("CI", "mtn"), 1000).get(0);
        assertEquals(new BigDecimal("0.1"), fee.rate()); // not 0.1000000000000000055…
        assertEquals(1, fee.amount());
        assertEquals(2, fees.feesFor(route("CI", "mtn"), 1001).get(0).amount());
    }

    @Test
    void lookupGoesProviderThenCountryThenGlobalAndAnEmptyLevelMeansNoFee() {
        assertEquals(Map.of("Wave", 10L), amountsByLabel(FEES.feesFor(route("CI", "wave"), 1000)));
        assertEquals(Map.of("Service", 15L), amountsByLabel(FEES.feesFor(route("CI", "mtn"), 1000)));
        assertEquals(List.of(), FEES.feesFor(route("CI", "moov"), 1000));
        assertEquals(List.of(), FEES.feesFor(route("TG", "moov"), 1000));
        assertEquals(Map.of("Service GN", 20_000L), amountsByLabel(FEES.feesFor(route("GN", "mtn"), 1_000_000)));
        assertEquals(Map.of("Service", 15L), amountsByLabel(FEES.feesFor(route("BJ", "mtn"), 1000)));
    }

    @ParameterizedTest
    @CsvSource({
            // country, amount, fee, rounding: 1.5 % then up to the next multiple of 5
            "SN, 1001, 16, 3", "BF, 1001, 16, 3", "CM, 1001, 16, 3", "ML, 1001, 16, 3",
            "SN, 1000, 15, 0", "SN, 999, 15, 1", "ML, 1, 1, 3"})
    void payerTotalsAreMultiplesOf5InSnBfCmMl(String country, long amount, long fee, long rounding) {
        List<Fee> fees = FEES.feesFor(route(country, "mtn"), amount);
        assertEquals(fee, fees.get(0).amount());
        assertRounding(fees, rounding);
        assertEquals(0, FeeCalculator.payerTotal(amount, fees) % 5);
        assertEquals(amount + fee + rounding, FeeCalculator.payerTotal(amount, fees));
    }

    @ParameterizedTest
    @CsvSource({"10001, 201, 798", "1000, 20, 980", "49000, 980, 20", "50000, 1000, 0"})
    void payerTotalsAreMultiplesOf1000InGn(long amount, long fee, long rounding) {
        List<Fee> fees = FEES.feesFor(route("GN", "orange"), amount);
        assertEquals(fee, fees.get(0).amount());
        assertRounding(fees, rounding);
        assertEquals(0, FeeCalculator.payerTotal(amount, fees) % 1000);
    }

    @Test
    void noRoundingInCountriesWithoutAStep() {
        for (String country : List.of("CI", "BJ", "TG", "GA")) {
            List<Fee> fees = FEES.feesFor(route(country, "mtn"), 1001);
            assertTrue(fees.stream().noneMatch(f -> f.label().equals(FeeCalculator.ROUNDING_LABEL)), country);
        }
        assertEquals(1017, FeeCalculator.payerTotal(1001, FEES.feesFor(route("CI", "mtn"), 1001)));
    }

    @Test
    void roundingAppliesEvenWithoutOtherFees() {
        FeeCalculator none = new FeeCalculator(FeeSchedule.fromJson(JSON, "{\"roundingSteps\": {\"GN\": 1000}}"));
        List<Fee> fees = none.feesFor(route("GN", "mtn"), 1234);
        assertRounding(fees, 766);
        assertEquals(1, fees.size());
        assertEquals(List.of(), none.feesFor(route("GN", "mtn"), 2000));
    }

    @Test
    void everyFeeHasItsOwn21CharacterIdWithoutPrefix() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            for (Fee fee : FEES.feesFor(route("CI", "card"), 1001)) {
                assertEquals(21, fee.id().length());
                assertTrue(Ids.looksLike("", fee.id()), fee.id());
                ids.add(fee.id());
            }
        }
        assertEquals(100, ids.size());
    }

    @Test
    void sameInputSameFeesApartFromIds() {
        List<Fee> a = FEES.feesFor(route("SN", "orange"), 12_345);
        List<Fee> b = FEES.feesFor(route("SN", "orange"), 12_345);
        assertEquals(a.stream().map(f -> new Fee(null, f.rate(), f.rateType(), f.amount(), f.currency(), f.label(), f.taxes())).toList(),
                b.stream().map(f -> new Fee(null, f.rate(), f.rateType(), f.amount(), f.currency(), f.label(), f.taxes())).toList());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void nonPositiveAmountsAreRefused(long amount) {
        assertThrows(IllegalArgumentException.class, () -> FEES.feesFor(route("CI", "mtn"), amount));
    }

    @Test
    void amountsNearLongMaxNeverOverflow() {
        // the fee itself no longer fits
        assertThrows(ArithmeticException.class, () -> FEES.feesFor(route("CI", "mtn"), Long.MAX_VALUE));
        // the fee fits but amount + fee does not
        assertThrows(ArithmeticException.class, () -> FEES.feesFor(route("CI", "mtn"), Long.MAX_VALUE - 10));
        FeeCalculator none = new FeeCalculator(FeeSchedule.fromJson(JSON, "{\"roundingSteps\": {\"SN\": 5}}"));
        // no fee, but rounding up to the next multiple of 5 would pass Long.MAX_VALUE (…807 = 5k + 2)
        assertThrows(ArithmeticException.class, () -> none.feesFor(route("SN", "mtn"), Long.MAX_VALUE));
        // exactly representable totals are fine
        assertEquals(List.of(), none.feesFor(route("CI", "mtn"), Long.MAX_VALUE));
        long multipleOf5 = Long.MAX_VALUE - 2;
        assertEquals(List.of(), none.feesFor(route("SN", "mtn"), multipleOf5));
        assertThrows(ArithmeticException.class, () -> FeeCalculator.payerTotal(Long.MAX_VALUE,
                List.of(new Fee("x", BigDecimal.ONE, Fee.RateType.FLAT, 1, Currency.XOF, "x", List.of()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"rules\": [{\"label\": \"x\", \"rateType\": \"flat\", \"rate\": \"1.5\"}]}",
            "{\"rules\": [{\"label\": \"x\", \"rateType\": \"flat\", \"rate\": \"99999999999999999999\"}]}",
            "{\"rules\": [{\"label\": \"x\", \"rateType\": \"percent\", \"rate\": \"-1\"}]}",
            "{\"rules\": [{\"label\": \"x\", \"rateType\": \"percent\"}]}",
            "{\"rules\": [{\"label\": \"x\", \"rateType\": \"fixed\", \"rate\": \"1\"}]}",
            "{\"rules\": [{\"rateType\": \"flat\", \"rate\": \"1\"}]}",
            "{\"roundingSteps\": {\"GN\": 0}}"})
    void aScheduleItCannotApplyIsRefused(String json) {
        assertThrows(IllegalArgumentException.class, () -> FeeSchedule.fromJson(JSON, json));
    }

    @Test
    void aFlatRateWrittenWithZeroDecimalsIsWhole() {
        FeeCalculator fees = new FeeCalculator(FeeSchedule.fromJson(JSON,
                "{\"rules\": [{\"label\": \"x\", \"rateType\": \"flat\", \"rate\": \"50.00\"}]}"));
        assertEquals(50, fees.feesFor(route("CI", "mtn"), 1000).get(0).amount());
    }

    @Test
    void theShippedScheduleCoversEveryRouteAndRoundsAsHub2() {
        FeeSchedule shipped = FeeSchedule.load(JSON);
        FeeCalculator fees = new FeeCalculator(shipped);
        for (PaymentRoute r : ProviderCoverage.load(JSON).routes()) {
            long step = switch (r.country()) {
                case "BF", "CM", "SN", "ML" -> 5;
                case "GN" -> 1000;
                default -> 1;
            };
            assertEquals(step, shipped.roundingStep(r.country()), r.country());
            for (long amount : new long[]{r.minAmount(), r.minAmount() + 1, 12_345, r.maxAmount()}) {
                List<Fee> list = fees.feesFor(r, amount);
                assertTrue(list.stream().anyMatch(f -> !f.label().equals(FeeCalculator.ROUNDING_LABEL)), r.toString());
                assertTrue(list.stream().allMatch(f -> f.currency() == r.currency()), r.toString());
                assertEquals(0, FeeCalculator.payerTotal(amount, list) % step, r + " " + amount);
            }
        }
    }

    static void assertRounding(List<Fee> fees, long rounding) {
        List<Fee> roundings = fees.stream().filter(f -> f.label().equals(FeeCalculator.ROUNDING_LABEL)).toList();
        if (rounding == 0) {
            assertEquals(List.of(), roundings);
            return;
        }
        assertEquals(1, roundings.size());
        Fee r = roundings.get(0);
        assertEquals(fees.get(fees.size() - 1), r, "the rounding fee comes last");
        assertEquals(rounding, r.amount());
        assertEquals(Fee.RateType.FLAT, r.rateType());
        assertEquals(BigDecimal.valueOf(rounding), r.rate());
        assertEquals(List.of(), r.taxes());
    }
}
