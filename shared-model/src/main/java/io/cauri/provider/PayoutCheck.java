package io.cauri.provider;

import io.cauri.merchant.Mode;

import java.util.Objects;

/**
 * The reconciliation check of money sent out (a transfer or a refund) whose outcome is not known yet: scheduled,
 * durably, before the provider is asked to pay, so a function that dies after its call still has the movement read
 * again later. Applying a check twice, or one for a movement that has ended, changes nothing.
 *
 * @param round how many checks of this movement came before (0 for the first), which sets the next one's delay
 */
public record PayoutCheck(Subject subject, String merchantId, Mode mode, String id, int round) {
    public PayoutCheck {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(id, "id");
        if (round < 0) {
            throw new IllegalArgumentException("negative check round");
        }
    }

    /** What is checked: each kind is reconciled by its own service. */
    public enum Subject {
        TRANSFER, REFUND
    }

    public PayoutCheck next() {
        return new PayoutCheck(subject, merchantId, mode, id, round + 1);
    }
}
