package io.cauri.connector.live;

import io.cauri.connector.fedapay.FedaPayGateway;
import io.cauri.connector.mtn.MtnMomoConfig;
import io.cauri.connector.mtn.MtnMomoDisbursement;
import io.cauri.connector.mtn.MtnMomoGateway;
import io.cauri.connector.wave.WaveCheckoutGateway;
import io.cauri.connector.wave.WaveMoneyOut;
import io.cauri.provider.Connector;
import io.cauri.provider.ConnectorSettings;
import io.cauri.provider.PayoutConnector;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * One {@link Connector} bean per connector named in {@value #ENABLED} (a comma list: {@code mtn-momo},
 * {@code wave}, {@code fedapay}; absent or empty: none, and every live attempt is refused with 400
 * {@code invalid_payment_processor}). Each connector's gateway is built from {@link ConnectorSettings} when a
 * payment first needs it ({@link LazyGateway}), never here: creating these beans reads no setting and no secret.
 * A name this module does not know stops the function at start ({@link EnabledConnectors}).
 * <p>Money out: one {@link PayoutConnector} bean per enabled connector that has the product, under the same name
 * (MTN MoMo: Disbursement transfers and refunds, offered when its settings hold the Disbursement credentials; Wave:
 * Payout API and checkout refund). FedaPay has none here (docs/PROVIDERS.md §8.3). Built lazily too ({@link LazyMoneyOut}).
 */
@Factory
public class LiveConnectorFactory {
    /** The property that enables live connectors in a function. */
    public static final String ENABLED = "cauri.connectors.enabled";

    // the name alone in the comma list, spaces allowed around it
    private static final String MTN_MOMO = "(.*,)?\\s*mtn-momo\\s*(,.*)?";
    private static final String WAVE = "(.*,)?\\s*wave\\s*(,.*)?";
    private static final String FEDAPAY = "(.*,)?\\s*fedapay\\s*(,.*)?";

    private final ConnectorSettings settings;
    private final String publicBaseUrl;

    /**
     * @param settings      resolved when a gateway is first built, not before: creating the connectors creates no
     *                      settings adapter (nor the secret store client it may hold), so a function that never
     *                      takes a live payment (fees) never makes one
     * @param publicBaseUrl the API's public base URL (where MTN's callbacks reach provider-events); may be empty
     */
    public LiveConnectorFactory(BeanProvider<ConnectorSettings> settings,
                                @Value("${cauri.sandbox.base-url:}") String publicBaseUrl) {
        this.settings = connector -> settings.get().of(connector);
        this.publicBaseUrl = publicBaseUrl;
    }

    @Singleton
    @Named(EnabledConnectors.MTN_MOMO)
    @Requires(property = ENABLED, pattern = MTN_MOMO)
    Connector mtnMomo() {
        return new Connector(EnabledConnectors.MTN_MOMO, new LazyGateway(EnabledConnectors.MTN_MOMO, "MTN MoMo", settings,
                s -> new MtnMomoGateway(LiveConnectorSettings.mtnMomo(s, publicBaseUrl))));
    }

    @Singleton
    @Named(EnabledConnectors.WAVE)
    @Requires(property = ENABLED, pattern = WAVE)
    Connector wave() {
        return new Connector(EnabledConnectors.WAVE, new LazyGateway(EnabledConnectors.WAVE, "Wave", settings,
                s -> new WaveCheckoutGateway(LiveConnectorSettings.wave(s))));
    }

    @Singleton
    @Named(EnabledConnectors.FEDAPAY)
    @Requires(property = ENABLED, pattern = FEDAPAY)
    Connector fedaPay() {
        return new Connector(EnabledConnectors.FEDAPAY, new LazyGateway(EnabledConnectors.FEDAPAY, "FedaPay", settings,
                s -> new FedaPayGateway(LiveConnectorSettings.fedaPay(s))));
    }

    @Singleton
    @Named(EnabledConnectors.MTN_MOMO)
    @Requires(property = ENABLED, pattern = MTN_MOMO)
    PayoutConnector mtnMomoMoneyOut() {
        LazyMoneyOut out = new LazyMoneyOut(EnabledConnectors.MTN_MOMO, "MTN MoMo", settings, s -> {
            MtnMomoConfig config = LiveConnectorSettings.mtnMomo(s, publicBaseUrl);
            if (config.disbursement() == null) {
                return new LazyMoneyOut.MoneyOut(null, null);
            }
            MtnMomoDisbursement disbursement = new MtnMomoDisbursement(config);
            return new LazyMoneyOut.MoneyOut(disbursement, disbursement);
        });
        return new PayoutConnector(EnabledConnectors.MTN_MOMO, out, out);
    }

    @Singleton
    @Named(EnabledConnectors.WAVE)
    @Requires(property = ENABLED, pattern = WAVE)
    PayoutConnector waveMoneyOut() {
        LazyMoneyOut out = new LazyMoneyOut(EnabledConnectors.WAVE, "Wave", settings, s -> {
            WaveMoneyOut wave = new WaveMoneyOut(LiveConnectorSettings.wave(s));
            return new LazyMoneyOut.MoneyOut(wave, wave);
        });
        return new PayoutConnector(EnabledConnectors.WAVE, out, out);
    }
}
