package io.cauri.sandbox;

import io.cauri.provider.PayoutFailureCode;

/**
 * What the sandbox provider does with money sent out (docs/CONTRACT.md §4, money out), decided like payments by
 * the last 8 characters of a number: a transfer's destination number, or the number that paid the refunded payment
 * (a card payment, which has none, refunds like {@code 00000001}). {@code 00000014} and {@code 00000015} are numbers
 * whose payments succeed like {@code 00000001} (see {@link SandboxOutcome#of}), so refunds can be tried on the
 * outcomes no successful payment's number would reach.
 */
public enum SandboxPayoutOutcome {
    /** Paid at once. */
    SUCCEEDS(null),
    /** The provider refuses the recipient. */
    DESTINATION_NOT_ALLOWED(PayoutFailureCode.DESTINATION_NOT_ALLOWED),
    /** The provider refuses the operation. */
    FORBIDDEN_BY_PROVIDER(PayoutFailureCode.FORBIDDEN_BY_PROVIDER),
    /**
     * The provider's answer never comes (the call times out: outcome unknown, the movement stays pending); asked
     * later, it reports the money paid.
     */
    ANSWER_LOST(null),
    /** The provider fails the operation: unavailable. */
    SERVICE_UNAVAILABLE(PayoutFailureCode.SERVICE_UNAVAILABLE),
    /** The provider accepts and never decides: pending for as long as it is asked. */
    NEVER_DECIDED(null),
    /** Not a sandbox number. */
    INVALID_DESTINATION(PayoutFailureCode.INVALID_DESTINATION);

    private final PayoutFailureCode failure;

    SandboxPayoutOutcome(PayoutFailureCode failure) {
        this.failure = failure;
    }

    /** The outcome for this number (null: a card payment's refund, which succeeds). */
    public static SandboxPayoutOutcome of(String number) {
        if (number == null) {
            return SUCCEEDS;
        }
        if (number.length() < 8) {
            return INVALID_DESTINATION;
        }
        return switch (number.substring(number.length() - 8)) {
            case "00000001" -> SUCCEEDS;
            case "00000002" -> DESTINATION_NOT_ALLOWED;
            case "00000003" -> FORBIDDEN_BY_PROVIDER;
            case "00000004", SandboxOutcome.REFUND_ANSWER_LOST -> ANSWER_LOST;
            case "00000005", SandboxOutcome.REFUND_FAILS -> SERVICE_UNAVAILABLE;
            case "00000006" -> NEVER_DECIDED;
            default -> INVALID_DESTINATION;
        };
    }

    /** The failure this outcome ends with; null when it does not fail. */
    public PayoutFailureCode failure() {
        return failure;
    }
}
