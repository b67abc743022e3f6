package io.cauri.connector.mtn;

import io.cauri.intent.FailureCode;

import java.util.Map;

/**
 * MTN's {@code reason} of a FAILED request to pay, as one of HUB2's failure codes (docs/PROVIDERS.md §1.9).
 * A reason not in the table is {@code unknown_reason}: the request failed, why is not said.
 *
 * <pre>
 * NOT_ENOUGH_FUNDS                        customer_insufficient_funds
 * PAYER_NOT_FOUND                         invalid_msisdn
 * SENDER_ACCOUNT_NOT_ACTIVE               customer_account_locked
 * PAYER_LIMIT_REACHED                     payer_quota_exceeded
 * APPROVAL_REJECTED                       canceled_by_customer
 * EXPIRED, COULD_NOT_PERFORM_TRANSACTION  authentication_timeout   (the payer did not approve in time)
 * NOT_ALLOWED, NOT_ALLOWED_TARGET_ENVIRONMENT,
 *   PAYEE_NOT_ALLOWED_TO_RECEIVE          forbidden_by_provider
 * INVALID_CURRENCY                        unsupported_currency
 * INVALID_CALLBACK_URL_HOST, PAYEE_NOT_FOUND
 *                                         bad_parameters           (our configuration: operators must look)
 * SERVICE_UNAVAILABLE                     service_unavailable
 * TRANSACTION_CANCELED                    canceled
 * INTERNAL_PROCESSING_ERROR, TRANSACTION_NOT_FOUND, any other, none
 *                                         unknown_reason           (MTN says mostly insufficient funds: not assumed)
 * </pre>
 */
final class MtnReasons {
    private static final Map<String, FailureCode> CODES = Map.ofEntries(
            Map.entry("NOT_ENOUGH_FUNDS", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS),
            Map.entry("PAYER_NOT_FOUND", FailureCode.INVALID_MSISDN),
            Map.entry("SENDER_ACCOUNT_NOT_ACTIVE", FailureCode.CUSTOMER_ACCOUNT_LOCKED),
            Map.entry("PAYER_LIMIT_REACHED", FailureCode.PAYER_QUOTA_EXCEEDED),
            Map.entry("APPROVAL_REJECTED", FailureCode.CANCELED_BY_CUSTOMER),
            Map.entry("EXPIRED", FailureCode.AUTHENTICATION_TIMEOUT),
            Map.entry("COULD_NOT_PERFORM_TRANSACTION", FailureCode.AUTHENTICATION_TIMEOUT),
            Map.entry("NOT_ALLOWED", FailureCode.FORBIDDEN_BY_PROVIDER),
            Map.entry("NOT_ALLOWED_TARGET_ENVIRONMENT", FailureCode.FORBIDDEN_BY_PROVIDER),
            Map.entry("PAYEE_NOT_ALLOWED_TO_RECEIVE", FailureCode.FORBIDDEN_BY_PROVIDER),
            Map.entry("INVALID_CURRENCY", FailureCode.UNSUPPORTED_CURRENCY),
            Map.entry("INVALID_CALLBACK_URL_HOST", FailureCode.BAD_PARAMETERS),
            Map.entry("PAYEE_NOT_FOUND", FailureCode.BAD_PARAMETERS),
            Map.entry("SERVICE_UNAVAILABLE", FailureCode.SERVICE_UNAVAILABLE),
            Map.entry("TRANSACTION_CANCELED", FailureCode.CANCELED),
            Map.entry("INTERNAL_PROCESSING_ERROR", FailureCode.UNKNOWN_REASON));

    private MtnReasons() {
    }

    static FailureCode codeOf(String reason) {
        return reason == null ? FailureCode.UNKNOWN_REASON : CODES.getOrDefault(reason, FailureCode.UNKNOWN_REASON);
    }

    static String messageOf(String reason) {
        return reason == null ? "MTN MoMo: the payment failed (no reason given)." : "MTN MoMo: " + reason + ".";
    }
}
