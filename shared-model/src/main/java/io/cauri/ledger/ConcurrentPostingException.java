package io.cauri.ledger;

/**
 * Another write to the same books was under way when this posting was tried (storage refused to interleave them):
 * nothing was written, and trying again is safe (the posting's id makes a repeat a no-op).
 */
public class ConcurrentPostingException extends RuntimeException {
    public ConcurrentPostingException(String transactionId) {
        super("books busy while posting " + transactionId, null, false, false);
    }
}
