package io.cauri.connector.fedapay;

import io.cauri.intent.FailureCode;
import io.cauri.provider.ProviderAnswer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A FedaPay transaction's {@code status} (and {@code last_error_code}) as the provider port's answer. The table is
 * in this module's README. A status this table does not know is not guessed: it is an unknown outcome.
 */
final class FedaPayStatuses {

    /** fedapay-php {@code Transaction::$PAID_STATUS}: the money was collected (a refund comes later, apart). */
    static final Set<String> PAID = Set.of("approved", "transferred", "refunded", "approved_partially_refunded",
            "transferred_partially_refunded");

    /**
     * {@code last_error_code} of a declined transaction. FedaPay documents the field but not its values, so only
     * exact codes are mapped (those of the simulator, the only ones seen); anything else is {@code unknown_reason}.
     */
    private static final Map<String, FailureCode> DECLINE_REASONS = Map.of(
            "INSUFFICIENT_FUNDS", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS,
            "PAYER_REFUSED", FailureCode.CANCELED_BY_CUSTOMER,
            "INVALID_NUMBER", FailureCode.INVALID_MSISDN,
            "PAYER_NOT_FOUND", FailureCode.INVALID_MSISDN,
            "TIMEOUT", FailureCode.TIMEOUT);

    private FedaPayStatuses() {
    }

    /** Empty: a status with no known meaning; the caller treats the outcome as unknown. */
    static Optional<ProviderAnswer> answer(String status, String lastErrorCode, String reference) {
        if (status == null) {
            return Optional.empty();
        }
        if (PAID.contains(status)) {
            return Optional.of(new ProviderAnswer.Succeeded(reference));
        }
        return switch (status) {
            case "pending", "created" -> Optional.of(new ProviderAnswer.Pending(reference));
            case "declined" -> Optional.of(new ProviderAnswer.Failed(declineReason(lastErrorCode),
                    lastErrorCode == null || lastErrorCode.equals("NO_ERROR")
                            ? "FedaPay declined the payment." : "FedaPay declined the payment: " + lastErrorCode + "."));
            case "canceled" -> Optional.of(new ProviderAnswer.Failed(FailureCode.CANCELED_BY_CUSTOMER,
                    "The payment was canceled."));
            case "expired" -> Optional.of(new ProviderAnswer.Failed(FailureCode.TIMEOUT,
                    "The payer did not confirm the payment in time."));
            default -> Optional.empty();
        };
    }

    static FailureCode declineReason(String lastErrorCode) {
        return lastErrorCode == null ? FailureCode.UNKNOWN_REASON
                : DECLINE_REASONS.getOrDefault(lastErrorCode, FailureCode.UNKNOWN_REASON);
    }
}
