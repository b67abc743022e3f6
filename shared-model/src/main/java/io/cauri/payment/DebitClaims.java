package io.cauri.payment;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where the duplicate-debit guard's claims are kept ({@link DuplicateDebitGuard}), one per
 * {@link DebitClaim#debit()}. Every write is conditional, so of two attempts claiming one debit exactly one holds
 * it.
 */
public interface DebitClaims {

    /**
     * Stores {@code claim} in one conditional write, unless another claim holds its debit at {@code now}; a claim
     * held by the payment {@code replacing} (not null: one the guard found failed or abandoned) is overwritten.
     * Returns empty if the debit is now the claim's; otherwise stores nothing and returns the claim that holds
     * it. A storage failure whose outcome is unknown is resolved by reading the debit's claim back; if that does
     * not tell, the failure propagates (503).
     */
    Optional<DebitClaim> claim(DebitClaim claim, String replacing, Instant now);

    /** Deletes {@code claim} if it is still its payment's (the attempt it was taken for was not stored). */
    void release(DebitClaim claim);
}
