package io.cauri.connector.live;

import io.cauri.intent.FailureCode;
import io.cauri.intent.Payment;
import io.cauri.provider.ConnectorSettings;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.ReferenceSink;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * A live connector's gateway, built from its {@link ConnectorSettings} the first time a payment needs it, then kept:
 * never at init, so a cold start reads no secret and opens no client, and a function that never takes a live
 * payment never reads one. Built once however many requests race for it (one HTTP client, one token cache).
 *
 * <p>Rotated credentials reach it: every use asks the settings (each adapter caches them: a map compared, no I/O
 * on most calls) and a gateway built from other values than the current ones is built again. Settings that cannot
 * be read at that moment leave a built gateway in use (the provider still has those credentials).
 *
 * <p>A SnapStart snapshot must not carry credentials or provider tokens into every restored copy, for as long as
 * the snapshot lives: the built gateway is forgotten before the checkpoint and again after a restore (CRaC
 * {@link Resource}, the pattern of lambda-support's SnapStartPriming), and the next payment builds it again from
 * the current settings. A build that fails is not kept either: the next payment tries again.
 *
 * <p>Settings that cannot be had (absent, unreadable, invalid): an initiate provably sent nothing, so it answers
 * {@code failed service_unavailable} at once; a status read or OTP forward knows nothing and throws
 * ({@link SettingsUnavailableException}), so the payment stays {@code processing} and is asked again later.
 */
final class LazyGateway implements ProviderGateway, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(LazyGateway.class);

    private final String connector;
    private final String displayName;
    private final LazyBuilt<ProviderGateway> gateway;

    /**
     * @param build the connector's gateway from its settings; throws {@link IllegalArgumentException} whose message
     *              names what is wrong without quoting any value
     */
    LazyGateway(String connector, String displayName, ConnectorSettings settings,
                Function<Map<String, String>, ProviderGateway> build) {
        this.displayName = displayName;
        this.gateway = new LazyBuilt<>(connector, settings, build);
        this.connector = connector;
        Core.getGlobalContext().register(this);
    }

    /** The gateway of the current settings, built now if it is not yet (or was built from other values). */
    ProviderGateway gateway() {
        return gateway.get();
    }

    /** Drops the built gateway (and the credentials and tokens it holds); the next use builds it again. */
    void forget() {
        gateway.forget();
    }

    /** Whether a gateway is built now (tests). */
    boolean isBuilt() {
        return gateway.isBuilt();
    }

    /** How many gateways were built so far (tests). */
    int builds() {
        return gateway.builds();
    }

    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        return initiate(request, ReferenceSink.NONE);
    }

    @Override
    public ProviderAnswer initiate(ProviderRequest request, ReferenceSink references) {
        ProviderGateway gateway;
        try {
            gateway = gateway();
        } catch (SettingsUnavailableException e) {
            LOG.warn("payment {} not sent: {}", request.payment().id(), e.getMessage());
            return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                    displayName + " is unavailable; no payment was requested.");
        }
        return gateway.initiate(request, references);
    }

    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        return gateway().authenticate(payment, confirmationCode);
    }

    @Override
    public ProviderAnswer status(Payment payment) {
        return gateway().status(payment);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forget(); // nothing of the credentials in the snapshot
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forget(); // in case something built it between the checkpoint hook and the snapshot
    }

    @Override
    public String toString() {
        return "LazyGateway[" + connector + (gateway.isBuilt() ? ", built]" : ", not built]");
    }
}
