package io.cauri.ledger;

import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/**
 * Another write to the same books was under way when this posting was tried (storage refused to interleave them),
 * through every try: nothing was written, and trying again is safe (the posting's id makes a repeat a no-op). At the
 * edge a 409 {@code concurrent_change}, never a 500.
 */
public class ConcurrentPostingException extends RefusalException {
    public ConcurrentPostingException(String transactionId) {
        super(Refusal.CONCURRENT_CHANGE, null,
                "Other requests were changing this balance at the same time; nothing was stored, retry.",
                "books busy while posting " + transactionId);
    }
}
