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
    private final ConnectorSettings settings;
    private final Function<Map<String, String>, ProviderGateway> build;
    private final Object lock = new Object();
    private volatile Built built;
    private final java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();

    /** A gateway and the settings it was built from. */
    private record Built(Map<String, String> values, ProviderGateway gateway) {
        @Override
        public String toString() {
            return "Built[" + values.keySet() + "]"; // the keys only: the values are credentials
        }
    }

    /**
     * @param build the connector's gateway from its settings; throws {@link IllegalArgumentException} whose message
     *              names what is wrong without quoting any value
     */
    LazyGateway(String connector, String displayName, ConnectorSettings settings,
                Function<Map<String, String>, ProviderGateway> build) {
        this.connector = connector;
        this.displayName = displayName;
        this.settings = settings;
        this.build = build;
        Core.getGlobalContext().register(this);
    }

    /** The gateway of the current settings, built now if it is not yet (or was built from other values). */
    ProviderGateway gateway() {
        Built current = built;
        Map<String, String> values = currentValues(current);
        if (current != null && (values == null || current.values().equals(values))) {
            return current.gateway();
        }
        synchronized (lock) {
            current = built;
            if (current != null && (values == null || current.values().equals(values))) {
                return current.gateway();
            }
            if (values == null) {
                values = currentValues(null);
            }
            Built next = new Built(values, buildFrom(values));
            builds.incrementAndGet();
            built = next;
            return next.gateway();
        }
    }

    /**
     * The connector's settings now; null if they cannot be read but a gateway is built (it goes on with the values
     * it has). Without a built gateway, settings that cannot be had throw.
     */
    private Map<String, String> currentValues(Built current) {
        Map<String, String> values;
        try {
            values = settings.of(connector).orElse(null);
        } catch (RuntimeException e) {
            if (current != null) {
                return null;
            }
            // the store's own message may quote what it read: the exception's type only
            throw new SettingsUnavailableException(connector, "its settings could not be read (" + e.getClass().getSimpleName() + ")");
        }
        if (values == null || values.isEmpty()) {
            throw new SettingsUnavailableException(connector, "it has no settings");
        }
        return values;
    }

    private ProviderGateway buildFrom(Map<String, String> values) {
        try {
            return build.apply(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            // the configuration records' messages name the setting, never its value
            throw new SettingsUnavailableException(connector, "its settings are invalid (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new SettingsUnavailableException(connector, "it could not be built (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Drops the built gateway (and the credentials and tokens it holds); the next use builds it again. */
    void forget() {
        synchronized (lock) {
            built = null;
        }
    }

    /** Whether a gateway is built now (tests). */
    boolean isBuilt() {
        return built != null;
    }

    /** How many gateways were built so far (tests). */
    int builds() {
        return builds.get();
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
        return "LazyGateway[" + connector + (built == null ? ", not built]" : ", built]");
    }
}
