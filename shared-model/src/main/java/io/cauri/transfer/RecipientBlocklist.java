package io.cauri.transfer;

import io.cauri.merchant.Mode;

import java.time.Instant;

/**
 * Port: the numbers a merchant may not transfer to for a while, in one mode (docs/CONTRACT.md, transfers): a number
 * whose transfers failed {@link Transfers#BLOCK_AFTER} times within {@link Transfers#FAILURE_WINDOW} is blocked for
 * {@link Transfers#BLOCK_FOR}. One merchant's failures never block another merchant's transfers.
 */
public interface RecipientBlocklist {

    /** Whether transfers of this merchant in this mode to {@code msisdn} are blocked at {@code now}. */
    boolean blocked(String merchantId, Mode mode, String msisdn, Instant now);

    /** Counts a failed transfer to {@code msisdn} (at most once per {@code transferId}); blocks the number when due. */
    void failed(String merchantId, Mode mode, String msisdn, String transferId, Instant at);
}
