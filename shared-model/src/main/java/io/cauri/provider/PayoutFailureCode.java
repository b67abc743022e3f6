package io.cauri.provider;

/**
 * Why a transfer or a refund failed: HUB2's catalogue of transfer failure causes (docs/CONTRACT.md, transfers),
 * the {@code code} of a {@link PayoutAnswer.Failed}. Refunds use the same codes.
 */
public enum PayoutFailureCode {
    INTERNAL_ERROR, INVALID_AMOUNT, SERVICE_UNAVAILABLE, TOO_MANY_REQUEST, UNKNOWN_REASON, FRAUD_SUSPICION,
    INVALID_DESTINATION, FORBIDDEN_BY_PROVIDER, TIMEOUT, INSUFFICIENT_FUNDS, UNSUPPORTED_CURRENCY, CANCELED,
    DESTINATION_NOT_ALLOWED, BLACKLISTED_MSISDN, INVALID_PAYMENT_PROCESSOR, DUPLICATE_REQUEST, BAD_REQUEST;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
