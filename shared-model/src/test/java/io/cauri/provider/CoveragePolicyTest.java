package io.cauri.provider;

import io.cauri.intent.Currency;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped coverage against HUB2's published amount policy, row by row: every pay-in route's limits
 * (published where HUB2 publishes them, Cauri's default elsewhere, and marked so), and every pay-out
 * operator's min / max / multiple.
 */
class CoveragePolicyTest {
    static final ProviderCoverage COVERAGE = ProviderCoverage.load(JsonMapper.createDefault());

    /** Pay-in, mobile money: country, provider, min, max, where the limits come from. */
    @ParameterizedTest(name = "pay-in {0}/{1}: {2} - {3} ({4})")
    @CsvSource({
            // published: BJ 100 - 3 000 000 XOF (Moov, MTN); CM 500 - 500 000 XAF (MTN, Orange)
            "BJ, mtn,      100,  3000000,  published",
            "BJ, moov,     100,  3000000,  published",
            "CM, mtn,      500,  500000,   published",
            "CM, orange,   500,  500000,   published",
            // not published: Cauri's defaults
            "TG, moov,     100,  1500000,  default",
            "TG, togocell, 100,  1500000,  default",
            "BF, orange,   100,  1500000,  default",
            "BF, moov,     100,  1500000,  default",
            "BF, mobicash, 100,  1500000,  default",
            "CI, orange,   100,  1500000,  default",
            "CI, mtn,      100,  1500000,  default",
            "CI, moov,     100,  1500000,  default",
            "CI, wave,     100,  2000000,  default",
            "GA, airtel,   100,  1500000,  default",
            "GA, mobicash, 100,  1500000,  default",
            "GN, orange,   1000, 20000000, default",
            "GN, mtn,      1000, 20000000, default",
            "ML, orange,   100,  1500000,  default",
            "ML, moov,     100,  1500000,  default",
            "ML, mobicash, 100,  1500000,  default",
            "SN, orange,   100,  1500000,  default",
            "SN, wave,     100,  2000000,  default",
            "SN, free,     100,  1500000,  default",
            "SN, emoney,   100,  1500000,  default"})
    void payInLimits(String country, String provider, long min, long max, String source) {
        PaymentRoute route = COVERAGE.route(country, provider).orElseThrow();
        assertEquals(min, route.minAmount());
        assertEquals(max, route.maxAmount());
        assertFalse(route.accepts(min - 1), "below the minimum");
        assertTrue(route.accepts(min) && route.accepts(max), "bounds are inclusive");
        assertFalse(route.accepts(max + 1), "above the maximum");
        assertEquals(source, limitsOf(country, provider));
    }

    @Test
    void theTableAboveIsEveryMobileMoneyRoute() {
        assertEquals(24, COVERAGE.routes().stream().filter(r -> !ProviderCoverage.isCard(r)).count());
    }

    /** Pay-out: country, provider, min, max, multiple (all published). */
    @ParameterizedTest(name = "pay-out {0}/{1}: {2} - {3}, multiple of {4}")
    @CsvSource({
            "BF, orange,   100,   1000000, 5",
            "BF, mobicash, 500,   1000000, 5",
            "CI, orange,   200,   1500000, 5",
            "CI, mtn,      100,   2000000, 5",
            "CI, moov,     500,   2000000, 5",
            "CM, orange,   500,   500000,  5",
            "CM, mtn,      500,   500000,  5",
            "GA, airtel,   100,   1000000, 5",
            "GA, mobicash, 100,   1000000, 5",
            "GN, orange,   10000, 1500000, 1000",
            "GN, mtn,      10000, 1500000, 1000",
            "ML, orange,   500,   1500000, 5",
            "ML, mobicash, 500,   1500000, 5",
            "SN, orange,   100,   1500000, 5",
            "SN, free,     100,   1500000, 5",
            "SN, emoney,   100,   1500000, 5"})
    void payOutLimits(String country, String provider, long min, long max, long multiple) {
        ProviderCoverage.PayoutLimits limits = COVERAGE.payoutLimits(country, provider).orElseThrow();
        assertEquals(new ProviderCoverage.PayoutLimits(min, max, multiple), limits);
        assertTrue(limits.accepts(min) && limits.accepts(max));
        assertFalse(limits.accepts(min - multiple) || limits.accepts(max + multiple) || limits.accepts(min + 1));
    }

    @Test
    void payOutsAreOnlyWherePublished() {
        assertEquals(16, COVERAGE.payouts().values().stream().mapToInt(Map::size).sum());
        assertTrue(COVERAGE.payoutLimits("BJ", "mtn").isEmpty(), "no pay-out policy published for Benin");
        assertTrue(COVERAGE.payoutLimits("TG", "moov").isEmpty(), "nor for Togo");
        assertTrue(COVERAGE.payoutLimits("CI", "wave").isEmpty());
    }

    @Test
    void theLargestRouteMaximumOfEachCurrency() {
        assertEquals(3_000_000, COVERAGE.maxAmount(Currency.XOF).orElseThrow());
        assertEquals(3_000_000, COVERAGE.maxAmount(Currency.XAF).orElseThrow());
        assertEquals(40_000_000, COVERAGE.maxAmount(Currency.GNF).orElseThrow());
    }

    @Test
    void aPayOutToAnUncoveredProviderOrWithUnsatisfiableLimitsIsRefusedAtLoad() {
        String base = """
                {"countries":{"CI":{"currency":"XOF","providers":{"mtn":{"minAmount":100,"maxAmount":1000,"flow":"USSD"}}}},
                 "card":{"XOF":{"minAmount":100,"maxAmount":1000,"flow":"REDIRECTION"}},"payouts":%s}""";
        JsonMapper json = JsonMapper.createDefault();
        for (String bad : List.of("{\"CI\":{\"wave\":{\"minAmount\":100,\"maxAmount\":1000,\"multiple\":5}}}",
                "{\"FR\":{\"mtn\":{\"minAmount\":100,\"maxAmount\":1000,\"multiple\":5}}}",
                "{\"CI\":{\"mtn\":{\"minAmount\":101,\"maxAmount\":1000,\"multiple\":5}}}",
                "{\"CI\":{\"mtn\":{\"minAmount\":100,\"maxAmount\":1000,\"multiple\":0}}}")) {
            assertThrows(IllegalArgumentException.class, () -> ProviderCoverage.fromJson(json, base.formatted(bad)), bad);
        }
        assertTrue(ProviderCoverage.fromJson(json, base.formatted(
                "{\"CI\":{\"mtn\":{\"minAmount\":100,\"maxAmount\":1000,\"multiple\":5}}}")).payoutLimits("CI", "mtn").isPresent());
    }

    /** Who sends live transfers: MTN MoMo Disbursement where MTN operates with a pay-out policy, Wave Payout for Wave. */
    @Test
    void livePayoutsNameTheirConnectorPerCountryAndProvider() {
        assertEquals(java.util.Optional.of("mtn-momo"), COVERAGE.livePayoutConnector("CI", "mtn"));
        assertEquals(java.util.Optional.of("wave"), COVERAGE.livePayoutConnector("CI", "wave"));
        assertEquals(java.util.Optional.of("wave"), COVERAGE.livePayoutConnector("SN", "wave"));
        assertEquals(java.util.Optional.of("mtn-momo"), COVERAGE.livePayoutConnector("CM", "mtn"));
        assertEquals(java.util.Optional.of("mtn-momo"), COVERAGE.livePayoutConnector("GN", "mtn"));
        assertTrue(COVERAGE.livePayoutConnector("BJ", "moov").isEmpty(), "FedaPay sends no transfers here");
        assertTrue(COVERAGE.livePayoutConnector("CI", "orange").isEmpty());
        assertTrue(COVERAGE.livePayoutConnector(null, "mtn").isEmpty());
        assertTrue(COVERAGE.livePayoutConnector("CI", null).isEmpty());
        assertEquals(5, COVERAGE.livePayouts().values().stream().mapToInt(Map::size).sum());
    }

    @Test
    void aLivePayoutRouteToAnUncoveredProviderOrWithABadConnectorNameIsRefusedAtLoad() {
        String base = """
                {"countries":{"CI":{"currency":"XOF","providers":{"mtn":{"minAmount":100,"maxAmount":1000,"flow":"USSD"}}}},
                 "card":{"XOF":{"minAmount":100,"maxAmount":1000,"flow":"REDIRECTION"}},"livePayouts":%s}""";
        JsonMapper json = JsonMapper.createDefault();
        for (String bad : List.of("{\"CI\":{\"wave\":\"wave\"}}", "{\"FR\":{\"mtn\":\"mtn-momo\"}}",
                "{\"CI\":{\"card\":\"mtn-momo\"}}", "{\"CI\":{\"mtn\":\"MTN MoMo\"}}")) {
            assertThrows(IllegalArgumentException.class, () -> ProviderCoverage.fromJson(json, base.formatted(bad)), bad);
        }
        assertEquals(java.util.Optional.of("mtn-momo"), ProviderCoverage.fromJson(json,
                base.formatted("{\"CI\":{\"mtn\":\"mtn-momo\"}}")).livePayoutConnector("CI", "mtn"));
    }

    /** Where a route's limits come from, as the coverage file says it. */
    private static String limitsOf(String country, String provider) {
        return LIMITS.get(country + "/" + provider);
    }

    private static final Map<String, String> LIMITS = readLimits();

    @SuppressWarnings("unchecked")
    private static Map<String, String> readLimits() {
        try (var in = ProviderCoverage.class.getResourceAsStream(ProviderCoverage.RESOURCE)) {
            Map<String, Object> doc = JsonMapper.createDefault().readValue(in, Map.class);
            Map<String, String> out = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) doc.get("countries")).forEach((country, c) ->
                    ((Map<String, Map<String, Object>>) c.get("providers")).forEach((provider, r) ->
                            out.put(country + "/" + provider, (String) r.get("limits"))));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
