package io.cauri.provider;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live connectors' money-out sides this function was built with ({@link PayoutConnector} beans), and which one
 * sends a live transfer: the connector {@link ProviderCoverage#livePayoutConnector} names for the destination's
 * country and provider, if this deployment has it and it sends transfers. A refund goes back through the connector
 * that collected the payment (its {@code gatewayId}), if that connector refunds.
 */
@Singleton
public class PayoutConnectors {
    private final ProviderCoverage coverage;
    private final Map<String, PayoutConnector> live;

    public PayoutConnectors(ProviderCoverage coverage, List<PayoutConnector> live) {
        this.coverage = coverage;
        Map<String, PayoutConnector> byName = new LinkedHashMap<>();
        for (PayoutConnector c : live) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two payout connectors named " + c.name());
            }
        }
        this.live = Map.copyOf(byName);
    }

    /**
     * The connector that sends a live transfer to this provider's wallets in this country: empty when coverage names
     * none there, or names one this deployment does not have, or one without transfers.
     */
    public Optional<PayoutConnector> forTransfer(String country, String provider) {
        return coverage.livePayoutConnector(country, provider).map(live::get).filter(c -> c.payouts() != null);
    }

    /** The payout gateway of the connector a transfer recorded ({@code gatewayId}), if this deployment has it. */
    public Optional<PayoutGateway> payouts(String connector) {
        return Optional.ofNullable(connector == null ? null : live.get(connector)).map(PayoutConnector::payouts);
    }

    /** The refund gateway of the connector that collected a payment ({@code gatewayId}), if it refunds. */
    public Optional<RefundGateway> refunds(String connector) {
        return Optional.ofNullable(connector == null ? null : live.get(connector)).map(PayoutConnector::refunds);
    }

    public Set<String> names() {
        return live.keySet();
    }
}
