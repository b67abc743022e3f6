package io.cauri.idempotency;

import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where idempotency keys are kept, one record per merchant, mode and key. Every write is
 * conditional, so two requests with one key never both believe they own it.
 */
public interface IdempotencyStore {

    /**
     * Stores {@code claim} (an {@code IN_PROGRESS} record) in one conditional write, unless a record holds
     * its key at {@code now} (see {@link IdempotencyRecord#holdsKey}). Returns empty if the claim is now
     * the caller's; otherwise stores nothing and returns the record that holds the key.
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord claim, Instant now);

    /**
     * Replaces the caller's claim by its completed record ({@link IdempotencyRecord#completed}). False,
     * storing nothing, if the claim is no longer the caller's (taken over after its lock ran out).
     */
    boolean complete(IdempotencyRecord completed);

    /** Deletes the caller's claim so the key can be used again. False if the claim is no longer the caller's. */
    boolean release(IdempotencyRecord claim);

    /** The record for this merchant's key if it has not expired at {@code now} (DynamoDB's TTL deletes lazily). */
    Optional<IdempotencyRecord> find(String merchantId, Mode mode, String key, Instant now);

    /** The same, for a key of one intent's key space ({@code intentId}; null: the merchant's). */
    Optional<IdempotencyRecord> find(String merchantId, Mode mode, String intentId, String key, Instant now);
}
