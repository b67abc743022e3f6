package io.cauri.ratelimit;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped table ({@code cauri/rate-limits.json}): which row each route of docs/CONTRACT.md falls in (§6). */
class RateLimitRulesTest {
    static final RateLimitRules rules = new RateLimitRules(JsonMapper.createDefault());

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /payments, list-payments, 1, 30",
            "GET, /payment-intents, list-intents, 1, 30",
            "POST, /payment-intents, create-intent, 75, 10",
            "POST, /payment-intents/pi_1/payments, attempt-payment, 75, 10",
            "POST, /payment-intents/pi_1/payments/sync, attempt-payment-sync, 75, 10",
            "GET, /payment-intents/pi_1/payment-fees, payment-fees, 75, 10",
            "POST, /payment-intents/pi_1/authentication, authenticate-payment, 30, 5",
            "GET, /payment-intents/pi_1, retrieve-intent, 5, 5",
            "GET, /payment-intents/pi_1/status, intent-status, 5, 5",
            "GET, /payment-intents/url/eyJ.x.y, default, 50, 5",
            "GET, /payments/pay_1/status, default, 50, 5",
            "POST, /webhooks, default, 50, 5",
            "GET, /api/v1/payment-intents, default, 50, 5",
            "POST, /api/v1/payment-intents/pi_1/confirm, default, 50, 5",
            "GET, /sandbox/payments/pay_1, default, 50, 5",
            "GET, /api/v1/balance_transactions/export, balance-transactions-export, 2, 10",
            "GET, /api/v1/balance_transactions, default, 50, 5",
            "GET, /api/v1/balance_transactions/txn_1, default, 50, 5",
            "GET, /balance, default, 50, 5",
            "GET, /api/v1/balance, default, 50, 5",
            "DELETE, /payment-intents, default, 50, 5",
            "GET, /transfers, list-transfers, 1, 30",
            "POST, /transfers, create-transfer, 75, 10",
            "GET, /transfers/tr_1, retrieve-transfer, 5, 5",
            "GET, /refunds, list-refunds, 1, 30",
            "POST, /refunds, create-refund, 75, 10",
            "GET, /refunds/re_1, retrieve-refund, 5, 5",
            "POST, /api/v1/payouts, default, 50, 5",
            "POST, /api/v1/refunds, default, 50, 5"})
    void eachRouteFallsInItsRow(String method, String path, String rule, int limit, int windowSeconds) {
        RateLimitRules.Match match = rules.match(method, path);
        assertEquals(rule, match.rule().name());
        assertEquals(limit, match.rule().limit());
        assertEquals(Duration.ofSeconds(windowSeconds), match.rule().window());
    }

    @Test
    void onlyTheRetrieveRoutesCountPerIdSkipTokenCallersAndBan() {
        for (String path : List.of("/payment-intents/pi_42", "/payment-intents/pi_42/status")) {
            RateLimitRules.Match match = rules.match("GET", path);
            assertEquals("pi_42", match.id());
            assertTrue(match.rule().perId() && match.rule().exemptWithToken() && match.rule().banIdlePolling());
        }
        RateLimitRules.Match attempt = rules.match("POST", "/payment-intents/pi_42/payments");
        assertNull(attempt.id(), "attempts count per route, not per intent");
        assertEquals(Duration.ofMinutes(10), rules.banDuration());
        long banning = rules.rules().stream().filter(RateLimitRule::banIdlePolling).count();
        assertEquals(2, banning);
    }

    @Test
    void aRuleThatCannotWorkIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimitRule("r", "GET", "/x", 0, Duration.ofSeconds(5), false, false, false));
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimitRule("r", "GET", "/x", 5, Duration.ofMillis(500), false, false, false));
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimitRule("r#1", "GET", "/x", 5, Duration.ofSeconds(5), false, false, false));
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimitRule("r", "GET", "/x", 5, Duration.ofSeconds(5), true, false, false));
    }
}
