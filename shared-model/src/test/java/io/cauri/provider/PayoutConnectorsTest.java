package io.cauri.provider;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which live connector sends a transfer: coverage names it, the deployment must have it with transfers. */
class PayoutConnectorsTest {
    private static final ProviderCoverage COVERAGE = ProviderCoverage.load(JsonMapper.createDefault());

    /** A gateway that must never be called here: choosing a connector calls no provider. */
    private static final PayoutGateway PAYOUTS = new PayoutGateway() {
        @Override
        public PayoutAnswer send(PayoutOrder order) {
            throw new AssertionError("not called");
        }

        @Override
        public PayoutAnswer status(PayoutOrder order) {
            throw new AssertionError("not called");
        }
    };
    private static final PayoutGateway SANDBOX_PAYOUTS = new PayoutGateway() {
        @Override
        public PayoutAnswer send(PayoutOrder order) {
            throw new AssertionError("not called");
        }

        @Override
        public PayoutAnswer status(PayoutOrder order) {
            throw new AssertionError("not called");
        }
    };
    private static final RefundGateway SANDBOX_REFUNDS = new RefundGateway() {
        @Override
        public PayoutAnswer refund(RefundOrder order) {
            throw new AssertionError("not called");
        }

        @Override
        public PayoutAnswer status(RefundOrder order) {
            throw new AssertionError("not called");
        }
    };
    private static final RefundGateway REFUNDS = new RefundGateway() {
        @Override
        public PayoutAnswer refund(RefundOrder order) {
            throw new AssertionError("not called");
        }

        @Override
        public PayoutAnswer status(RefundOrder order) {
            throw new AssertionError("not called");
        }
    };

    @Test
    void theConnectorCoverageNamesIfThisDeploymentHasItWithTransfers() {
        PayoutConnector mtn = new PayoutConnector("mtn-momo", PAYOUTS, REFUNDS);
        PayoutConnector wave = new PayoutConnector("wave", null, REFUNDS);
        PayoutConnectors connectors = new PayoutConnectors(SANDBOX_PAYOUTS, SANDBOX_REFUNDS, COVERAGE,
                List.of(mtn, wave));

        assertEquals(Optional.of(mtn), connectors.livePayouts("CI", "mtn"));
        assertTrue(connectors.livePayouts("SN", "wave").isEmpty(), "wave has no transfers in this deployment");
        assertTrue(connectors.livePayouts("CI", "orange").isEmpty(), "coverage names none");
        assertTrue(new PayoutConnectors(SANDBOX_PAYOUTS, SANDBOX_REFUNDS, COVERAGE, List.of())
                .livePayouts("CI", "mtn").isEmpty(), "not deployed");
        assertSame(PAYOUTS, connectors.payouts("mtn-momo"));
        assertSame(REFUNDS, connectors.refunds("wave"));
        assertSame(SANDBOX_PAYOUTS, connectors.payouts(null), "sandbox transfers name no connector");
        assertSame(SANDBOX_REFUNDS, connectors.refunds(null));
        // a connector this function lacks: the outcome is unknown, never a failure
        assertThrows(ConnectorUnavailableException.class, () -> connectors.refunds("fedapay"));
        assertThrows(ConnectorUnavailableException.class, () -> connectors.payouts("wave"));
        assertThrows(IllegalArgumentException.class,
                () -> new PayoutConnectors(SANDBOX_PAYOUTS, SANDBOX_REFUNDS, COVERAGE, List.of(mtn, mtn)));
    }
}
