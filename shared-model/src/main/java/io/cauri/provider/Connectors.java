package io.cauri.provider;

import io.cauri.intent.Payment;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateways a payment can be sent to: the sandbox gateway (the one {@link ProviderGateway} bean) for sandbox
 * payments, and the live {@link Connector}s this function was built with. A payment is always sent to the
 * gateway its {@code gatewayId} names, so the attempt, its OTP step, its reconciliation and its callbacks all
 * speak to the same provider.
 */
@Singleton
public class Connectors {
    private final ProviderGateway sandbox;
    private final Map<String, ProviderGateway> live;

    public Connectors(ProviderGateway sandbox, List<Connector> live) {
        this.sandbox = sandbox;
        Map<String, ProviderGateway> byName = new LinkedHashMap<>();
        for (Connector c : live) {
            if (byName.putIfAbsent(c.name(), c.gateway()) != null) {
                throw new IllegalArgumentException("two connectors named " + c.name());
            }
        }
        this.live = Map.copyOf(byName);
    }

    /** Sandbox only: what a function with no live connector has. */
    public static Connectors sandboxOnly(ProviderGateway sandbox) {
        return new Connectors(sandbox, List.of());
    }

    /** Whether live payments can be sent to this connector from here. */
    public boolean serves(String connector) {
        return connector != null && live.containsKey(connector);
    }

    public Set<String> names() {
        return live.keySet();
    }

    /**
     * The gateway of this payment: the connector its {@code gatewayId} names, or the sandbox gateway if it names
     * none. A connector absent here throws {@link ConnectorUnavailableException} (an unknown outcome, never a
     * failure).
     */
    public ProviderGateway of(Payment payment) {
        String name = payment.gatewayId();
        if (name == null) {
            return sandbox;
        }
        ProviderGateway gateway = live.get(name);
        if (gateway == null) {
            throw new ConnectorUnavailableException(name);
        }
        return gateway;
    }
}
