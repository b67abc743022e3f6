package io.cauri.connector.live;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.ConnectorUnavailableException;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutConnector;
import io.cauri.provider.PayoutConnectors;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundOrder;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.simulator.wave.WaveSimulator;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live connectors' money-out beans as a function's application context builds them, against the simulators. */
class LiveMoneyOutTest {
    private static final MtnMomoSimulator.Credentials MTN = new MtnMomoSimulator.Credentials("sub-key-SECRET",
            "9f6c1c5e-1b1e-4b39-9d44-3c1f2b8f6a10", "api-key-SECRET");
    private static final MtnMomoSimulator.Credentials DISBURSEMENT = new MtnMomoSimulator.Credentials(
            "disb-key-SECRET", "4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09", "disb-api-key-SECRET");

    @Test
    void onePayoutConnectorPerEnabledConnectorWithTheProductAndNoSettingReadAtStart() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("test.counting-settings", "true",
                LiveConnectorFactory.ENABLED, "mtn-momo, wave, fedapay"))) {
            Set<String> names = ctx.getBeansOfType(PayoutConnector.class).stream().map(PayoutConnector::name)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("mtn-momo", "wave"), names, "FedaPay offers no money out here");
            assertEquals(Set.of("mtn-momo", "wave"), ctx.getBean(PayoutConnectors.class).names());
            assertEquals(0, ctx.getBean(CountingSettings.class).reads.get(), "settings read at init");
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of())) {
            assertTrue(ctx.getBeansOfType(PayoutConnector.class).isEmpty());
        }
    }

    @Test
    void mtnSendsATransferWithItsDisbursementSettingsAndCoverageChoosesIt() throws Exception {
        try (MtnMomoSimulator mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN)
                .withPayerDelay(Duration.ofMillis(200)).withDisbursement(DISBURSEMENT), 0);
             ApplicationContext ctx = ApplicationContext.run(mtnProperties(mtn, true))) {
            PayoutConnector connector = ctx.getBean(PayoutConnectors.class).livePayouts("CI", "mtn").orElseThrow();
            assertEquals("mtn-momo", connector.name());
            PayoutOrder order = transfer("CI", "mtn", "22507123456");

            assertInstanceOf(PayoutAnswer.Pending.class, connector.payouts().send(order));
            Thread.sleep(350);
            assertInstanceOf(PayoutAnswer.Succeeded.class, connector.payouts().status(order));
            assertEquals(1, mtn.disbursement().acceptedFor(order.id()));
            assertTrue(connector.refunds().refunds(refund(1000)));
        }
    }

    @Test
    void mtnWithoutDisbursementSettingsSendsNothingRefusesRefundsAndKnowsNoStatus() throws Exception {
        try (MtnMomoSimulator mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN)
                .withDisbursement(DISBURSEMENT), 0);
             ApplicationContext ctx = ApplicationContext.run(mtnProperties(mtn, false))) {
            PayoutConnector connector = ctx.getBean(PayoutConnectors.class).livePayouts("CI", "mtn").orElseThrow();
            PayoutOrder order = transfer("CI", "mtn", "22507123456");

            PayoutAnswer.Failed failed = assertInstanceOf(PayoutAnswer.Failed.class, connector.payouts().send(order));
            assertEquals("service_unavailable", failed.code());
            assertFalse(connector.refunds().refunds(refund(1000)));
            assertThrows(ConnectorUnavailableException.class, () -> connector.payouts().status(order));
            assertEquals(0, mtn.disbursement().tokenRequests(), "nothing asked of MTN");
        }
    }

    @Test
    void partialDisbursementSettingsAreNamedNeverQuoted() throws Exception {
        try (MtnMomoSimulator mtn = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(MTN), 0)) {
            Map<String, Object> p = mtnProperties(mtn, false);
            p.put("cauri.connectors.mtn-momo.disbursementApiKey", "disb-DO-NOT-PRINT");
            try (ApplicationContext ctx = ApplicationContext.run(p)) {
                PayoutConnector connector = ctx.getBean(PayoutConnectors.class).livePayouts("CI", "mtn").orElseThrow();
                PayoutOrder order = transfer("CI", "mtn", "22507123456");
                RuntimeException e = assertThrows(ConnectorUnavailableException.class,
                        () -> connector.payouts().status(order));
                assertTrue(e.getMessage().contains("disbursementApiKey"), e.getMessage());
                assertFalse(e.getMessage().contains("DO-NOT-PRINT"), e.getMessage());
                assertFalse(connector.payouts().toString().contains("DO-NOT-PRINT"));
            }
        }
    }

    @Test
    void waveSendsATransferThroughItsBean() throws Exception {
        try (WaveSimulator wave = WaveSimulator.start(WaveSimulator.Settings.of("wave_sn_prod_SECRET"), 0)) {
            Map<String, Object> p = new HashMap<>();
            p.put(LiveConnectorFactory.ENABLED, "wave");
            p.put("cauri.connectors.wave.baseUrl", wave.baseUrl().toString());
            p.put("cauri.connectors.wave.apiKey", "wave_sn_prod_SECRET");
            p.put("cauri.connectors.wave.webhookSecret", "wave_sn_WHS_SECRET");
            try (ApplicationContext ctx = ApplicationContext.run(p)) {
                PayoutConnector connector = ctx.getBean(PayoutConnectors.class).livePayouts("SN", "wave").orElseThrow();
                PayoutOrder order = transfer("SN", "wave", "+221771234567");
                assertInstanceOf(PayoutAnswer.Succeeded.class, connector.payouts().send(order));
                assertEquals(1, wave.payouts().created(order.id()));
                assertFalse(connector.refunds().refunds(refund(1000)), "no Wave session: not refundable");
            }
        }
    }

    private static PayoutOrder transfer(String country, String provider, String msisdn) {
        return new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, country, provider, msisdn, "Awa", 5000, Currency.XOF,
                "Virement", null);
    }

    private static RefundOrder refund(long amount) {
        Instant now = Instant.now();
        Payment payment = new Payment(Ids.next(Ids.PAYMENT), "pi_1", now, now, PaymentStatus.SUCCESSFUL, 1000,
                Currency.XOF, "mobile_money", "CI", "mtn", "22507123456", null, List.of(), null, null, "mtn-momo", null, null);
        return new RefundOrder(Ids.next(Ids.REFUND), payment, amount, Currency.XOF, null, null);
    }

    private static Map<String, Object> mtnProperties(MtnMomoSimulator mtn, boolean disbursement) {
        Map<String, Object> p = new HashMap<>();
        p.put("test.counting-settings", "true");
        p.put(LiveConnectorFactory.ENABLED, "mtn-momo");
        p.put("cauri.connectors.mtn-momo.baseUrl", mtn.baseUrl());
        p.put("cauri.connectors.mtn-momo.subscriptionKey", MTN.subscriptionKey());
        p.put("cauri.connectors.mtn-momo.apiUser", MTN.apiUser());
        p.put("cauri.connectors.mtn-momo.apiKey", MTN.apiKey());
        p.put("cauri.connectors.mtn-momo.targetEnvironment", "sandbox");
        p.put("cauri.connectors.mtn-momo.currency", "EUR");
        if (disbursement) {
            p.put("cauri.connectors.mtn-momo.disbursementSubscriptionKey", DISBURSEMENT.subscriptionKey());
            p.put("cauri.connectors.mtn-momo.disbursementApiUser", DISBURSEMENT.apiUser());
            p.put("cauri.connectors.mtn-momo.disbursementApiKey", DISBURSEMENT.apiKey());
        }
        return p;
    }
}
