package io.cauri.provider;

import java.util.Objects;

/**
 * A live connector's disbursement side, under the connector's name (the name a transfer or a refund records as
 * its {@code gatewayId}, the same as its payments'): either gateway may be null when the provider has no such
 * call (FedaPay: no refund).
 */
public record PayoutConnector(String name, PayoutGateway payouts, RefundGateway refunds) {
    public PayoutConnector {
        Objects.requireNonNull(name, "name");
        if (payouts == null && refunds == null) {
            throw new IllegalArgumentException("a payout connector sends transfers, refunds or both: " + name);
        }
    }
}
