package io.cauri.connector.wave;

import io.cauri.intent.FailureCode;

import java.util.Map;

/**
 * Wave's {@code last_payment_error.code} values mapped to HUB2's failure codes (docs/PROVIDERS.md §2.6; the table is
 * repeated in this module's README). A code Wave adds later reads as {@code unknown_reason}: the payment still ends,
 * with the honest "we do not know why".
 */
public final class WaveFailureCodes {

    private static final Map<String, FailureCode> CODES = Map.of(
            "insufficient-funds", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS,
            "blocked-account", FailureCode.CUSTOMER_ACCOUNT_LOCKED,
            "payer-mobile-mismatch", FailureCode.INVALID_MSISDN,
            "cross-border-payment-not-allowed", FailureCode.FORBIDDEN_BY_PROVIDER,
            "customer-age-restricted", FailureCode.FORBIDDEN_BY_PROVIDER,
            "kyb-limits-exceeded", FailureCode.FORBIDDEN_BY_PROVIDER,
            "payment-failure", FailureCode.UNKNOWN_REASON);

    private WaveFailureCodes() {
    }

    public static FailureCode of(String waveCode) {
        return waveCode == null ? FailureCode.UNKNOWN_REASON : CODES.getOrDefault(waveCode, FailureCode.UNKNOWN_REASON);
    }
}
