package io.cauri.provider;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where money out is sent: the sandbox's gateways for sandbox transfers and refunds, and the live
 * {@link PayoutConnector}s this function was built with (none: live money out is refused up front). A transfer or
 * refund is always read again through the gateway its {@code gatewayId} names, so its send, its checks and its
 * answer all speak to the same provider.
 */
@Singleton
public class PayoutConnectors {
    /** The bean name of the sandbox's payout and refund gateway. */
    public static final String SANDBOX = "sandbox";
    private final PayoutGateway sandboxPayouts;
    private final RefundGateway sandboxRefunds;
    private final ProviderCoverage coverage;
    private final Map<String, PayoutConnector> live;

    /** The sandbox's gateways by name: a live connector's own gateway beans, if it has any, are not candidates. */
    @Inject
    public PayoutConnectors(@Named(SANDBOX) PayoutGateway sandboxPayouts, @Named(SANDBOX) RefundGateway sandboxRefunds,
                            ProviderCoverage coverage, List<PayoutConnector> live) {
        this.sandboxPayouts = sandboxPayouts;
        this.sandboxRefunds = sandboxRefunds;
        this.coverage = coverage;
        Map<String, PayoutConnector> byName = new LinkedHashMap<>();
        for (PayoutConnector c : live) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two payout connectors named " + c.name());
            }
        }
        this.live = Map.copyOf(byName);
    }

    public PayoutGateway sandboxPayouts() {
        return sandboxPayouts;
    }

    public RefundGateway sandboxRefunds() {
        return sandboxRefunds;
    }

    /**
     * The live connector that pays out to {@code provider} in {@code country}: the one the coverage names for the
     * route, if this deployment has it and it sends transfers. Empty: live transfers there are refused.
     */
    public Optional<PayoutConnector> livePayouts(String country, String provider) {
        return coverage.liveConnector(country, provider).map(live::get).filter(c -> c.payouts() != null);
    }

    /** The live connector named {@code gatewayId} (a transfer's or a payment's), if this deployment has it. */
    public Optional<PayoutConnector> live(String gatewayId) {
        return gatewayId == null ? Optional.empty() : Optional.ofNullable(live.get(gatewayId));
    }

    /**
     * The gateway of a transfer sent through {@code gatewayId} (null: the sandbox). A connector absent here throws
     * {@link ConnectorUnavailableException}: an unknown outcome, never a failure.
     */
    public PayoutGateway payouts(String gatewayId) {
        if (gatewayId == null) {
            return sandboxPayouts;
        }
        PayoutConnector c = live.get(gatewayId);
        if (c == null || c.payouts() == null) {
            throw new ConnectorUnavailableException(gatewayId);
        }
        return c.payouts();
    }

    /** {@link #payouts} for refunds: the refunded payment's connector. */
    public RefundGateway refunds(String gatewayId) {
        if (gatewayId == null) {
            return sandboxRefunds;
        }
        PayoutConnector c = live.get(gatewayId);
        if (c == null || c.refunds() == null) {
            throw new ConnectorUnavailableException(gatewayId);
        }
        return c.refunds();
    }
}
