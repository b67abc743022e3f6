package io.cauri.provider;

/**
 * A provider's answer about money it was asked to send out (a transfer to a wallet, a refund of a payment). An
 * exception instead of an answer means nothing is known: the movement stays pending and is read again later,
 * never failed on a guess.
 */
public sealed interface PayoutAnswer {

    /** Accepted, not decided yet. */
    record Pending(String providerReference) implements PayoutAnswer {
    }

    /** The money reached the recipient. */
    record Succeeded(String providerReference) implements PayoutAnswer {
    }

    /**
     * Refused or failed for good: nothing left the provider's account.
     *
     * @param code    a stable code of the failure catalogue of transfers and refunds (docs/CONTRACT.md)
     * @param message a short human reason, never the provider's raw text with a number in it
     */
    record Failed(String providerReference, String code, String message) implements PayoutAnswer {
    }
}
