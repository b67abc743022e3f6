package io.cauri.providerevents;

import io.cauri.connector.fedapay.FedaPayConfig;
import io.cauri.connector.fedapay.FedaPayGateway;
import io.cauri.connector.mtn.MtnMomoConfig;
import io.cauri.connector.mtn.MtnMomoGateway;
import io.cauri.connector.wave.WaveCheckoutGateway;
import io.cauri.connector.wave.WaveConfig;
import io.cauri.provider.Connector;
import io.cauri.provider.ConnectorSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Map;

/**
 * Tests only: the three live connectors, the real connector classes, built from the connector settings (the
 * {@code cauri.connectors.<connector>.*} properties a test points at its simulators), in a context that sets
 * {@code test.live-connectors}. Every other test of this module keeps the sandbox gateway alone.
 */
@Factory
@Requires(property = "test.live-connectors", value = "true")
class SimulatedConnectors {

    @Singleton
    @Named("wave")
    Connector wave(ConnectorSettings settings) {
        Map<String, String> s = settings.of("wave").orElseThrow();
        return new Connector("wave", new WaveCheckoutGateway(new WaveConfig(URI.create(s.get("baseUrl")),
                s.get("apiKey"), s.get("signingSecret"), s.get("webhookSecret"))));
    }

    @Singleton
    @Named("fedapay")
    Connector fedapay(ConnectorSettings settings) {
        Map<String, String> s = settings.of("fedapay").orElseThrow();
        return new Connector("fedapay", new FedaPayGateway(new FedaPayConfig(URI.create(s.get("baseUrl")),
                s.get("secretKey"), s.get("webhookSecret"))));
    }

    @Singleton
    @Named("mtn-momo")
    Connector mtnMomo(ConnectorSettings settings) {
        Map<String, String> s = settings.of("mtn-momo").orElseThrow();
        return new Connector("mtn-momo", new MtnMomoGateway(new MtnMomoConfig(s.get("baseUrl"),
                s.get("subscriptionKey"), s.get("apiUser"), s.get("apiKey"), s.get("targetEnvironment"),
                s.get("currency"), s.get("callbackUrl"))));
    }
}
