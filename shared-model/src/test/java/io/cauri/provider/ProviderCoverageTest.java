package io.cauri.provider;

import io.cauri.intent.Currency;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.cauri.provider.PaymentRoute.NextActionFlow.OTP;
import static io.cauri.provider.PaymentRoute.NextActionFlow.REDIRECTION;
import static io.cauri.provider.PaymentRoute.NextActionFlow.USSD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderCoverageTest {
    static final JsonMapper JSON = JsonMapper.createDefault();
    static final ProviderCoverage COVERAGE = ProviderCoverage.load(JSON);

    /** docs/CONTRACT.md §3 coverage and §4 flows, as HUB2 spells them. */
    static final List<String> HUB2 = List.of(
            "CI XOF orange OTP", "CI XOF mtn USSD", "CI XOF moov USSD", "CI XOF wave REDIRECTION",
            "SN XOF orange OTP", "SN XOF wave REDIRECTION", "SN XOF free USSD", "SN XOF emoney USSD",
            "BJ XOF mtn USSD", "BJ XOF moov USSD",
            "BF XOF orange OTP", "BF XOF moov USSD", "BF XOF mobicash USSD",
            "ML XOF orange OTP", "ML XOF moov USSD", "ML XOF mobicash USSD",
            "TG XOF moov USSD", "TG XOF togocell USSD",
            "CM XAF orange OTP", "CM XAF mtn USSD",
            "GA XAF airtel USSD", "GA XAF mobicash USSD",
            "GN GNF orange OTP", "GN GNF mtn USSD");
    static final Set<String> COUNTRIES = Set.of("CI", "SN", "BJ", "BF", "ML", "TG", "CM", "GA", "GN");

    @Test
    void everyHub2RouteIsCoveredWithItsCurrencyAndFlow() {
        for (String line : HUB2) {
            String[] f = line.split(" ");
            PaymentRoute route = COVERAGE.route(f[0], f[2]).orElseThrow(() -> new AssertionError("missing " + line));
            assertEquals(f[0], route.country(), line);
            assertEquals(Currency.valueOf(f[1]), route.currency(), line);
            assertEquals(f[2], route.provider(), line);
            assertEquals(PaymentRoute.NextActionFlow.valueOf(f[3]), route.flow(), line);
        }
    }

    @Test
    void routesAreExactlyTheHub2RoutesPlusOneCardRoutePerCountry() {
        Set<String> mobileMoney = COVERAGE.routes().stream().filter(r -> !ProviderCoverage.isCard(r))
                .map(r -> r.country() + " " + r.currency() + " " + r.provider() + " " + r.flow())
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(HUB2), mobileMoney);
        Set<String> cardCountries = COVERAGE.routes().stream().filter(ProviderCoverage::isCard)
                .map(PaymentRoute::country).collect(Collectors.toSet());
        assertEquals(COUNTRIES, cardCountries);
        assertEquals(HUB2.size() + COUNTRIES.size(), COVERAGE.routes().size());
    }

    @Test
    void waveIsTheOnlySyncRoute() {
        Set<String> sync = COVERAGE.routes().stream().filter(PaymentRoute::supportsSync)
                .map(r -> r.country() + "/" + r.provider()).collect(Collectors.toSet());
        assertEquals(Set.of("CI/wave", "SN/wave"), sync);
    }

    @ParameterizedTest
    @CsvSource({"CI,free", "SN,mtn", "XX,orange", "BJ,orange", "GN,wave", "CI,Orange", "ci,orange", "CI,", ",orange"})
    void unknownPairsAreAbsent(String country, String provider) {
        assertTrue(COVERAGE.route(country, provider).isEmpty());
        assertTrue(COVERAGE.route(country, PaymentMethod.MOBILE_MONEY, provider).isEmpty());
    }

    @Test
    void knowsOnlyCoveredCountries() {
        COUNTRIES.forEach(c -> assertTrue(COVERAGE.knowsCountry(c), c));
        assertFalse(COVERAGE.knowsCountry("XX"));
        assertFalse(COVERAGE.knowsCountry("ci"));
        assertFalse(COVERAGE.knowsCountry(null));
    }

    @Test
    void cardIsARedirectionInEveryCountryInItsCurrency() {
        for (String country : COUNTRIES) {
            PaymentRoute card = COVERAGE.route(country, PaymentMethod.CREDIT_CARD, null).orElseThrow();
            assertEquals(ProviderCoverage.CARD, card.provider());
            assertEquals(REDIRECTION, card.flow());
            assertFalse(card.supportsSync());
            assertEquals(COVERAGE.route(country, "orange").or(() -> COVERAGE.route(country, "mtn"))
                    .or(() -> COVERAGE.route(country, "moov")).or(() -> COVERAGE.route(country, "airtel"))
                    .orElseThrow().currency(), card.currency(), country);
            // whatever provider the attempt names, a card attempt takes the card route
            assertEquals(card, COVERAGE.route(country, PaymentMethod.CREDIT_CARD, "orange").orElseThrow());
        }
        // "card" is not a mobile money provider, and bank transfers have no route
        assertTrue(COVERAGE.route("CI", PaymentMethod.MOBILE_MONEY, ProviderCoverage.CARD).isEmpty());
        assertTrue(COVERAGE.route("CI", PaymentMethod.BANK_TRANSFER, "orange").isEmpty());
        assertTrue(COVERAGE.route("CI", null, "orange").isEmpty());
    }

    @Test
    void limitsAreInclusive() {
        for (PaymentRoute r : COVERAGE.routes()) {
            assertTrue(r.accepts(r.minAmount()), r.toString());
            assertTrue(r.accepts(r.maxAmount()), r.toString());
            assertFalse(r.accepts(r.minAmount() - 1), r.toString());
            assertFalse(r.accepts(r.maxAmount() + 1), r.toString());
        }
    }

    @Test
    void shippedLimits() {
        PaymentRoute orangeCi = COVERAGE.route("CI", "orange").orElseThrow();
        assertEquals(100, orangeCi.minAmount());
        assertEquals(1_500_000, orangeCi.maxAmount());
        assertEquals(2_000_000, COVERAGE.route("SN", "wave").orElseThrow().maxAmount());
        PaymentRoute mtnGn = COVERAGE.route("GN", "mtn").orElseThrow();
        assertEquals(1_000, mtnGn.minAmount());
        assertEquals(20_000_000, mtnGn.maxAmount());
        assertEquals(OTP, COVERAGE.route("GN", "orange").orElseThrow().flow());
        assertEquals(USSD, mtnGn.flow());
    }

    @Test
    void aSmallConfigurationIsReadAsWritten() {
        ProviderCoverage coverage = ProviderCoverage.fromJson(JSON, """
                {"countries": {"CI": {"currency": "XOF", "providers": {
                    "orange": {"minAmount": 5, "maxAmount": 10, "flow": "OTP", "supportsSync": false}}}},
                 "card": {"XOF": {"minAmount": 1, "maxAmount": 99, "flow": "REDIRECTION", "supportsSync": false}}}
                """);
        assertEquals(List.of(
                new PaymentRoute("CI", Currency.XOF, "orange", 5, 10, OTP, false),
                new PaymentRoute("CI", Currency.XOF, "card", 1, 99, REDIRECTION, false)), coverage.routes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // no card limits for the country's currency
            "{\"countries\": {\"CI\": {\"currency\": \"XOF\", \"providers\": {\"mtn\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"USSD\"}}}}}",
            // min above max
            "{\"countries\": {\"CI\": {\"currency\": \"XOF\", \"providers\": {\"mtn\": {\"minAmount\": 3, \"maxAmount\": 2, \"flow\": \"USSD\"}}}}, \"card\": {\"XOF\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"REDIRECTION\"}}}",
            // no flow
            "{\"countries\": {\"CI\": {\"currency\": \"XOF\", \"providers\": {\"mtn\": {\"minAmount\": 1, \"maxAmount\": 2}}}}, \"card\": {\"XOF\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"REDIRECTION\"}}}",
            // "card" is reserved
            "{\"countries\": {\"CI\": {\"currency\": \"XOF\", \"providers\": {\"card\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"USSD\"}}}}, \"card\": {\"XOF\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"REDIRECTION\"}}}",
            // country code not as HUB2 writes it
            "{\"countries\": {\"ci\": {\"currency\": \"XOF\", \"providers\": {\"mtn\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"USSD\"}}}}, \"card\": {\"XOF\": {\"minAmount\": 1, \"maxAmount\": 2, \"flow\": \"REDIRECTION\"}}}",
            // no countries
            "{\"countries\": {}}"})
    void aConfigurationItCannotServeIsRefused(String json) {
        assertThrows(IllegalArgumentException.class, () -> ProviderCoverage.fromJson(JSON, json));
    }
}
