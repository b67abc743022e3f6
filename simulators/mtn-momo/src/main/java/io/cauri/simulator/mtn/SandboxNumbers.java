package io.cauri.simulator.mtn;

import java.util.Map;
import java.util.Optional;

/**
 * What a request to pay becomes, by the payer's number. The first block is MTN's published sandbox table for
 * RequestToPay (target environment {@code sandbox}; "any other number results in Success"), with the
 * {@code reason} MTN's sandbox gives for each. The second block is the simulator's own numbers, for reasons
 * MTN's production returns but its sandbox table has no number for. Emails and party codes always succeed.
 */
final class SandboxNumbers {

    /** A payer the simulator never settles: the request stays PENDING (MTN's PayerOngoing / PayerDelayed). */
    static final String STAYS_PENDING = "PENDING";

    private static final Map<String, String> REASONS = Map.ofEntries(
            // MTN's sandbox (RequestToPay use cases)
            Map.entry("46733123450", "INTERNAL_PROCESSING_ERROR"),   // PayerFailed
            Map.entry("46733123451", "APPROVAL_REJECTED"),           // PayerRejected
            Map.entry("46733123452", "EXPIRED"),                     // PayerExpired
            Map.entry("46733123453", STAYS_PENDING),                 // PayerOngoing (reason ONGOING while pending)
            Map.entry("46733123454", STAYS_PENDING),                 // PayerDelayed (reason PAYER_DELAYED while pending)
            Map.entry("46733123455", "PAYER_NOT_FOUND"),
            Map.entry("46733123456", "PAYEE_NOT_ALLOWED_TO_RECEIVE"),
            Map.entry("46733123457", "NOT_ALLOWED"),
            Map.entry("46733123458", "NOT_ALLOWED_TARGET_ENVIRONMENT"),
            Map.entry("46733123459", "INVALID_CALLBACK_URL_HOST"),
            Map.entry("46733123460", "INVALID_CURRENCY"),
            Map.entry("46733123461", "INTERNAL_PROCESSING_ERROR"),
            Map.entry("46733123462", "SERVICE_UNAVAILABLE"),
            Map.entry("46733123463", "COULD_NOT_PERFORM_TRANSACTION"),
            // the simulator's own numbers: production reasons with no sandbox number
            Map.entry("46733123470", "NOT_ENOUGH_FUNDS"),
            Map.entry("46733123471", "PAYER_LIMIT_REACHED"),
            Map.entry("46733123472", "SENDER_ACCOUNT_NOT_ACTIVE"),
            Map.entry("46733123473", "TRANSACTION_CANCELED"),
            Map.entry("46733123474", "PAYEE_NOT_FOUND"));

    private SandboxNumbers() {
    }

    /** The failure reason for this payer, {@link #STAYS_PENDING}, or empty for a payer who approves. */
    static Optional<String> outcomeOf(String partyIdType, String partyId) {
        return "MSISDN".equals(partyIdType) ? Optional.ofNullable(REASONS.get(partyId)) : Optional.empty();
    }

    /** The reason MTN's sandbox shows while a never-settled request is pending. */
    static String pendingReason(String partyId) {
        return "46733123454".equals(partyId) ? "PAYER_DELAYED" : "ONGOING";
    }
}
