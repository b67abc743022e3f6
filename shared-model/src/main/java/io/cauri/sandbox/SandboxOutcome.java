package io.cauri.sandbox;

import io.cauri.intent.FailureCode;

import java.util.Optional;

/**
 * What the simulated payer and provider do in sandbox, decided by the payer's number (docs/CONTRACT.md §4). The last
 * 8 characters of the number decide, so a local {@code 00000001}, a national {@code 0700000001} and an
 * international {@code +22500000001} all succeed; a number with separators in its last 8 characters
 * matches nothing (format checks are the wire layer's job, the sandbox only reads the suffix).
 */
public enum SandboxOutcome {
    SUCCEEDS("00000001", null),
    INSUFFICIENT_FUNDS("00000002", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS),
    ACCOUNT_LOCKED("00000003", FailureCode.CUSTOMER_ACCOUNT_LOCKED),
    /** The provider never answers: the attempt fails {@code timeout} when the provider window ends. */
    NEVER_ANSWERED("00000004", FailureCode.TIMEOUT),
    SERVICE_UNAVAILABLE("00000005", FailureCode.SERVICE_UNAVAILABLE),
    /**
     * The payer fails authentication: every OTP is refused ({@code authentication_failed}). HUB2's sandbox
     * accepts any 4-digit code, so the failing OTP path is a number, not a code.
     */
    AUTHENTICATION_FAILS("00000006", FailureCode.AUTHENTICATION_FAILED);

    /**
     * A payer number whose payments succeed like {@link #SUCCEEDS}'s, and whose refunds' answer is lost (they stay
     * pending until their reconciliation reads them succeeded): see {@link SandboxPayoutOutcome}.
     */
    public static final String REFUND_ANSWER_LOST = "00000014";
    /** A payer number whose payments succeed like {@link #SUCCEEDS}'s, and whose refunds fail at the provider. */
    public static final String REFUND_FAILS = "00000015";

    private final String suffix;
    private final FailureCode failure;

    SandboxOutcome(String suffix, FailureCode failure) {
        this.suffix = suffix;
        this.failure = failure;
    }

    /** The outcome for this payer number; empty means {@code invalid_sandbox_msisdn}. */
    public static Optional<SandboxOutcome> of(String number) {
        if (number == null || number.length() < 8) {
            return Optional.empty();
        }
        String last8 = number.substring(number.length() - 8);
        if (last8.equals(REFUND_ANSWER_LOST) || last8.equals(REFUND_FAILS)) {
            return Optional.of(SUCCEEDS);
        }
        for (SandboxOutcome o : values()) {
            if (o.suffix.equals(last8)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public String suffix() {
        return suffix;
    }

    /** The failure code this outcome ends with; null for {@link #SUCCEEDS}. */
    public FailureCode failure() {
        return failure;
    }
}
