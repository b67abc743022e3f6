package io.cauri.attemptpayment;

import io.cauri.connector.mtn.MtnMomoConfig;
import io.cauri.connector.mtn.MtnMomoGateway;
import io.cauri.provider.Connector;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The live MTN MoMo connector for {@link DuplicateDebitGuardTest}: the real gateway, pointed at the MTN simulator
 * the test started on 127.0.0.1 (a production-like target environment, in XOF, so live CI intents reach it). Only in
 * a function started with {@value #MTN_BASE_URL}; every other test of this module keeps a sandbox-only function.
 */
@Factory
@Requires(property = GuardTestConnectors.MTN_BASE_URL)
class GuardTestConnectors {
    static final String MTN_BASE_URL = "test.guard.mtn-base-url";
    static final String SUBSCRIPTION_KEY = "guard-subscription-key";
    static final String API_USER = "5b0c3c1e-7a44-4c57-9d3e-2f1b6a8c9d10";
    static final String API_KEY = "guard-api-key";
    static final String TARGET_ENVIRONMENT = "mtnivorycoast";
    static final String CURRENCY = "XOF";

    @Singleton
    Connector mtnMomo(@Value("${" + MTN_BASE_URL + "}") String baseUrl) {
        return new Connector("mtn-momo", new MtnMomoGateway(new MtnMomoConfig(baseUrl, SUBSCRIPTION_KEY, API_USER,
                API_KEY, TARGET_ENVIRONMENT, CURRENCY, null)));
    }
}
