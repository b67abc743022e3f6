package io.cauri.simulator.fedapay;

import java.util.Optional;

/**
 * What the simulated payer and operator do with a push, chosen by the payer's number. FedaPay publishes no sandbox
 * numbers that force an outcome (its docs only use {@code 64000001} as an example), so these are the simulator's
 * own; only the last eight digits count, so {@code +22964000002} and {@code 64000002} are the same payer.
 *
 * <p>The {@code last_error_code} values of a decline are the simulator's own too: FedaPay documents the field
 * ({@code "NO_ERROR"} on a fresh payment intent) but not its vocabulary.
 */
public enum Outcome {
    /** {@code 64000001} and every number not listed here: the payer approves. */
    APPROVE("approved", null),
    /** {@code 64000002}: declined, not enough money. */
    DECLINE_INSUFFICIENT_FUNDS("declined", "INSUFFICIENT_FUNDS"),
    /** {@code 64000003}: declined, the payer refused the prompt. */
    DECLINE_PAYER_REFUSED("declined", "PAYER_REFUSED"),
    /** {@code 64000004}: the payer canceled. */
    CANCEL("canceled", null),
    /** {@code 64000005}: the payer never answers; the transaction expires after the simulator's expiry. */
    NEVER_ANSWER("expired", null),
    /** {@code 64000006}: declined with no reason given. */
    DECLINE_NO_REASON("declined", null);

    private final String status;
    private final String lastErrorCode;

    Outcome(String status, String lastErrorCode) {
        this.status = status;
        this.lastErrorCode = lastErrorCode;
    }

    public String status() {
        return status;
    }

    public Optional<String> lastErrorCode() {
        return Optional.ofNullable(lastErrorCode);
    }

    public static Outcome forNumber(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        String last8 = digits.length() > 8 ? digits.substring(digits.length() - 8) : digits;
        return switch (last8) {
            case "64000002" -> DECLINE_INSUFFICIENT_FUNDS;
            case "64000003" -> DECLINE_PAYER_REFUSED;
            case "64000004" -> CANCEL;
            case "64000005" -> NEVER_ANSWER;
            case "64000006" -> DECLINE_NO_REASON;
            default -> APPROVE;
        };
    }
}
