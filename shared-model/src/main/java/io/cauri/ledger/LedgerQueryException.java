package io.cauri.ledger;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/** A read of the books this caller may not make: an unknown (or another merchant's or mode's) transaction, a bad range. */
public final class LedgerQueryException extends RefusalException {
    private LedgerQueryException(Refusal refusal, String param, String message) {
        super(refusal, param, message);
    }

    /** Unknown ids and other merchants' or modes' transactions look the same: not found. */
    public static LedgerQueryException notFound(String transactionId) {
        return new LedgerQueryException(Refusal.NOT_FOUND, "id", "No balance transaction " + transactionId + ".");
    }

    public static LedgerQueryException invalid(String param, String message) {
        return new LedgerQueryException(Refusal.INVALID_PARAMETER, param, message);
    }
}
