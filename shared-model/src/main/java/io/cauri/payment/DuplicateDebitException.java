package io.cauri.payment;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/**
 * A live attempt refused because another attempt of the merchant debits the same number the same amount within
 * the duplicate-debit window (409 {@code duplicate_request}, {@code param} = the number's field). Nothing is
 * stored.
 */
public final class DuplicateDebitException extends RefusalException {
    /** The number's field in a HUB2 attempt; the v1 route names its own ({@link #at}). */
    public static final String HUB2_PARAM = "mobileMoney.msisdn";

    private final long retryAfterSeconds;

    public DuplicateDebitException(String param, long retryAfterSeconds) {
        // Names no other intent or payment: a client app holding one intent's token may be the caller.
        super(Refusal.DUPLICATE_REQUEST, param, "This number was asked to pay this amount moments ago by another "
                + "payment, which may still debit it: wait for that payment's outcome instead of asking again "
                + "(operators refuse or charge twice a repeated debit). Retry in " + retryAfterSeconds
                + " seconds, or as soon as that payment has failed.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same refusal naming another request field (the v1 family's name for the number). */
    public DuplicateDebitException at(String param) {
        return new DuplicateDebitException(param, retryAfterSeconds);
    }

    /** Seconds until the earlier attempt's hold on the debit ends. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

}
