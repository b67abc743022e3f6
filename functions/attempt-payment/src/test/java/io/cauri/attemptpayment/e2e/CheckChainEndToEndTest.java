package io.cauri.attemptpayment.e2e;

import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.cauri.attemptpayment.e2e.LiveFunction.paymentId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MTN's status reads fail through every scheduled round of checks (a long outage) while the payer's prompt is
 * out: the live payment waits in {@code action_required}, which the settling sweep does not look at, so its checks
 * must go on past the last round rather than leave it to be canceled unpaid. Here the rounds are 50 ms apart at
 * first (doubling): the seventh read is the last round's, the eighth comes only from a check that goes on.
 */
class CheckChainEndToEndTest {
    static MtnMomoSimulator simulator;
    static LiveFunction live;

    @BeforeAll
    static void start() throws Exception {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(new MtnMomoSimulator.Credentials(
                        E2eConnectors.MTN_SUBSCRIPTION_KEY, E2eConnectors.MTN_API_USER, E2eConnectors.MTN_API_KEY))
                .withTargetEnvironment(E2eConnectors.MTN_ENVIRONMENT).withCurrency("XOF")
                .withPayerDelay(Duration.ofMillis(100)), 0);
        live = new LiveFunction(Map.of(
                "e2e.connectors.mtn-momo.base-url", simulator.baseUrl(),
                "cauri.payments.provider-window", "50ms"));
    }

    @AfterAll
    static void stop() {
        live.close();
        simulator.close();
    }

    @Test
    void aLivePaymentWaitingForItsPayerIsCheckedPastTheLastRoundUntilTheProviderAnswers() throws Exception {
        simulator.faults().failStatusReads(7, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}"); // the first seven checks
        PaymentIntent intent = live.liveIntent(1000);
        String paymentId = paymentId(live.attempt(intent, "CI", "mtn", MtnMomoEndToEndTest.PAYS));

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        assertEquals(1, simulator.acceptedRequestsFor(paymentId));
    }
}
