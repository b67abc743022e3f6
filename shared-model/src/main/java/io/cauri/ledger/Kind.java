package io.cauri.ledger;

import java.util.Optional;

/**
 * What caused a ledger transaction; with the cause's id it names the transaction, so one cause posts once.
 * The wire names are the {@code type} of a balance transaction in statements.
 */
public enum Kind {
    /** A payment succeeded: the payer's total leaves the outside world, the amount is the merchant's, fees Cauri's. */
    PAYMENT("payment"),
    /** A refund was created: its amount moves from available to reserved. */
    REFUND("refund"),
    /** The provider paid the refund: the reserved amount leaves to the payer. */
    REFUND_SETTLEMENT("refund_settlement"),
    /** The refund failed: the reserved amount returns to available. */
    REFUND_FAILURE("refund_failure"),
    /** A transfer (payout) was created: its amount moves from available to reserved. */
    TRANSFER("transfer"),
    /** The provider paid the recipient: the reserved amount leaves. */
    TRANSFER_SETTLEMENT("transfer_settlement"),
    /** The transfer failed or was returned: the reserved amount returns to available. */
    TRANSFER_FAILURE("transfer_failure");

    private final String wire;

    Kind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Kind> fromWire(String value) {
        for (Kind k : values()) {
            if (k.wire.equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
