package io.cauri.transfer;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** A transfer request or lookup the domain refuses; nothing is stored. */
public final class TransferRefusedException extends RefusalException {
    private TransferRefusedException(Refusal refusal, String param, String message) {
        super(refusal, param, message);
    }

    /** No such transfer for this caller: unknown, another merchant's, or the other mode's. */
    public static TransferRefusedException notFound(String param, String id) {
        return new TransferRefusedException(Refusal.NOT_FOUND, param, "No transfer " + id + ".");
    }

    /** No pay-out route for this country and provider (or, live, no connector that pays out there). */
    public static TransferRefusedException noRoute(String country, String provider, boolean live) {
        return new TransferRefusedException(Refusal.INVALID_PAYMENT_PROCESSOR, "destination.provider",
                (live ? "Live transfers are not available to " : "No transfers to ") + provider + " in " + country
                        + ".");
    }

    /** The currency is not the one of the destination's country. */
    public static TransferRefusedException currency(String currency, String country) {
        return new TransferRefusedException(Refusal.UNSUPPORTED_CURRENCY, "currency",
                "Transfers to " + country + " are in its own currency, not " + currency + ".");
    }

    /** The amount is outside the route's pay-out limits, or not a multiple of its step. */
    public static TransferRefusedException amount(long min, long max, long multiple) {
        return new TransferRefusedException(Refusal.INVALID_PARAMETER, "amount",
                "The amount must be between " + min + " and " + max
                        + (multiple > 1 ? " and a multiple of " + multiple : "") + " for this destination.");
    }

    /** Transfers to this number are blocked after repeated failures, until the block lapses. */
    public static TransferRefusedException blacklisted() {
        return new TransferRefusedException(Refusal.BLACKLISTED_MSISDN, "destination.msisdn",
                "Transfers to this number are temporarily blocked after repeated failures.");
    }
}
