package io.cauri.provider;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A provider connector this function can call, under the name a payment records as its {@code gatewayId}
 * ({@code "mtn-momo"}, {@code "wave"}, {@code "fedapay"}): a live payment is reconciled, and its callbacks
 * accepted, by the connector that took it, whatever the coverage says later. Sandbox payments record none and
 * go to the sandbox gateway.
 */
public record Connector(String name, ProviderGateway gateway) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    public Connector {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("connector name must match " + NAME + ": " + name);
        }
        Objects.requireNonNull(gateway, "gateway");
    }
}
