package io.cauri.attemptpayment.e2e;

import io.cauri.connector.fedapay.FedaPayConfig;
import io.cauri.connector.fedapay.FedaPayGateway;
import io.cauri.connector.mtn.MtnMomoConfig;
import io.cauri.connector.mtn.MtnMomoGateway;
import io.cauri.connector.mtn.MtnMomoTimings;
import io.cauri.connector.wave.WaveCheckoutGateway;
import io.cauri.connector.wave.WaveConfig;
import io.cauri.provider.Connector;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * The live connectors of the end-to-end tests: the real connector classes, pointed at their simulators on
 * 127.0.0.1 (each test starts its simulator and passes its base URL as {@code e2e.connectors.<name>.base-url}).
 * Only in a function started with such a property, so it never meets another factory of {@link Connector}s.
 */
@Factory
@Requires(property = "e2e.connectors.enabled", value = "true")
class E2eConnectors {
    static final String MTN_SUBSCRIPTION_KEY = "e2e-subscription-key";
    static final String MTN_API_USER = "3c0f6b2a-8d1e-4f7a-9b5c-2e4d6f8a0b1c";
    static final String MTN_API_KEY = "e2e-mtn-api-key";
    static final String MTN_ENVIRONMENT = "mtnivorycoast";
    static final String WAVE_API_KEY = "wave_ci_prod_e2e";
    static final String WAVE_WEBHOOK_SECRET = "wave_ci_WHS_e2e";
    static final String FEDAPAY_KEY = "sk_sandbox_e2e";
    static final String FEDAPAY_WEBHOOK_SECRET = "wh_sandbox_e2e";

    /** How long a connector waits for an answer once it has sent a request (past it: outcome unknown). */
    private final Duration requestTimeout;

    E2eConnectors(@Value("${e2e.connectors.request-timeout:3s}") Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Singleton
    @Requires(property = "e2e.connectors.mtn-momo.base-url")
    Connector mtnMomo(@Value("${e2e.connectors.mtn-momo.base-url}") String baseUrl,
                      @Value("${e2e.connectors.mtn-momo.not-found-grace:2m}") Duration notFoundGrace) {
        MtnMomoConfig config = new MtnMomoConfig(baseUrl, MTN_SUBSCRIPTION_KEY, MTN_API_USER, MTN_API_KEY,
                MTN_ENVIRONMENT, "XOF", null);
        return new Connector("mtn-momo", new MtnMomoGateway(config,
                MtnMomoTimings.defaults().withRequest(requestTimeout).withNotFoundGrace(notFoundGrace),
                Clock.systemUTC()));
    }

    @Singleton
    @Requires(property = "e2e.connectors.wave.base-url")
    Connector wave(@Value("${e2e.connectors.wave.base-url}") String baseUrl) {
        return new Connector("wave", new WaveCheckoutGateway(new WaveConfig(URI.create(baseUrl), WAVE_API_KEY, null,
                WAVE_WEBHOOK_SECRET).withTimeouts(Duration.ofSeconds(2), requestTimeout, Duration.ofMinutes(2))));
    }

    @Singleton
    @Requires(property = "e2e.connectors.fedapay.base-url")
    Connector fedapay(@Value("${e2e.connectors.fedapay.base-url}") String baseUrl) {
        return new Connector("fedapay", new FedaPayGateway(new FedaPayConfig(URI.create(baseUrl), FEDAPAY_KEY,
                FEDAPAY_WEBHOOK_SECRET).withTimeouts(Duration.ofSeconds(2), requestTimeout)));
    }
}
