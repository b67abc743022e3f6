package io.cauri.connector.live;

import io.cauri.intent.FailureCode;
import io.cauri.provider.ConnectorSettings;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutGateway;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundGateway;
import io.cauri.provider.RefundOrder;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * A live connector's money-out side (transfers and refunds), built from its {@link ConnectorSettings} the first
 * time a transfer or a refund needs it, like {@link LazyGateway} for payments: nothing read or opened at init,
 * rebuilt after a credential rotation, forgotten before a SnapStart checkpoint and after a restore.
 *
 * <p>The settings decide whether the connector has the product (MTN MoMo: the Disbursement credentials). Without
 * it, or without usable settings: a send or a refund provably sent nothing and answers {@code failed
 * service_unavailable} (the reservation is returned); a status read knows nothing and throws
 * ({@link SettingsUnavailableException}: the movement stays pending); {@link #refunds} says no, so a refund is
 * refused up front.
 */
final class LazyMoneyOut implements PayoutGateway, RefundGateway, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(LazyMoneyOut.class);

    /** What the settings give: either side null when the connector's settings have no such product. */
    record MoneyOut(PayoutGateway payouts, RefundGateway refunds) {
    }

    private final String connector;
    private final String displayName;
    private final LazyBuilt<MoneyOut> built;

    LazyMoneyOut(String connector, String displayName, ConnectorSettings settings,
                 Function<Map<String, String>, MoneyOut> build) {
        this.connector = connector;
        this.displayName = displayName;
        this.built = new LazyBuilt<>(connector, settings, build);
        Core.getGlobalContext().register(this);
    }

    @Override
    public PayoutAnswer send(PayoutOrder order) {
        PayoutGateway payouts;
        try {
            payouts = built.get().payouts();
        } catch (SettingsUnavailableException e) {
            LOG.warn("transfer {} not sent: {}", order.id(), e.getMessage());
            return notSent("no transfer was sent");
        }
        if (payouts == null) {
            LOG.warn("transfer {} not sent: connector {} has no payout credentials in its settings", order.id(), connector);
            return notSent("no transfer was sent");
        }
        return payouts.send(order);
    }

    @Override
    public PayoutAnswer status(PayoutOrder order) {
        PayoutGateway payouts = built.get().payouts();
        if (payouts == null) {
            throw new SettingsUnavailableException(connector, "its settings have no payout credentials");
        }
        return payouts.status(order);
    }

    @Override
    public boolean refunds(RefundOrder order) {
        try {
            RefundGateway refunds = built.get().refunds();
            return refunds != null && refunds.refunds(order);
        } catch (SettingsUnavailableException e) {
            LOG.warn("refund {} not offered: {}", order.id(), e.getMessage());
            return false;
        }
    }

    @Override
    public PayoutAnswer refund(RefundOrder order) {
        RefundGateway refunds;
        try {
            refunds = built.get().refunds();
        } catch (SettingsUnavailableException e) {
            LOG.warn("refund {} not sent: {}", order.id(), e.getMessage());
            return notSent("no refund was sent");
        }
        if (refunds == null) {
            LOG.warn("refund {} not sent: connector {} has no refund credentials in its settings", order.id(), connector);
            return notSent("no refund was sent");
        }
        return refunds.refund(order);
    }

    @Override
    public PayoutAnswer status(RefundOrder order) {
        RefundGateway refunds = built.get().refunds();
        if (refunds == null) {
            throw new SettingsUnavailableException(connector, "its settings have no refund credentials");
        }
        return refunds.status(order);
    }

    private PayoutAnswer notSent(String what) {
        return new PayoutAnswer.Failed(null, FailureCode.SERVICE_UNAVAILABLE.wire(),
                displayName + " is unavailable for money out; " + what + ".");
    }

    boolean isBuilt() {
        return built.isBuilt();
    }

    int builds() {
        return built.builds();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        built.forget(); // nothing of the credentials in the snapshot
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        built.forget();
    }

    @Override
    public String toString() {
        return "LazyMoneyOut[" + connector + (built.isBuilt() ? ", built]" : ", not built]");
    }
}
