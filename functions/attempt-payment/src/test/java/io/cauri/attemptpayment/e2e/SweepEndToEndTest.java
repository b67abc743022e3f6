package io.cauri.attemptpayment.e2e;

import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.cauri.attemptpayment.e2e.LiveFunction.paymentId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The callback is lost and so is the scheduled check (here: due only after an hour, as if its message went to the
 * dead-letter queue): the settling sweep ({@link PaymentOutcomes#settleOverdue}, what expire-intents runs) reads
 * the live payment's status at MTN and settles it. A payment whose first answer was lost stays {@code processing},
 * the state the sweep looks for.
 */
class SweepEndToEndTest {
    static MtnMomoSimulator simulator;
    static LiveFunction live;

    @BeforeAll
    static void start() throws Exception {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(new MtnMomoSimulator.Credentials(
                        E2eConnectors.MTN_SUBSCRIPTION_KEY, E2eConnectors.MTN_API_USER, E2eConnectors.MTN_API_KEY))
                .withTargetEnvironment(E2eConnectors.MTN_ENVIRONMENT).withCurrency("XOF")
                .withPayerDelay(Duration.ofMillis(300)), 0);
        live = new LiveFunction(Map.of(
                "e2e.connectors.mtn-momo.base-url", simulator.baseUrl(),
                "cauri.payments.provider-window", "1h"));
    }

    @AfterAll
    static void stop() {
        live.close();
        simulator.close();
    }

    @Test
    void theSweepSettlesALivePaymentWhoseCallbackAndCheckWereLost() throws Exception {
        simulator.faults().failInitiates(1, 502, true); // MTN took it; its answer is lost
        PaymentIntent intent = live.liveIntent(1000);
        String paymentId = paymentId(live.attempt(intent, "CI", "mtn", MtnMomoEndToEndTest.PAYS));
        assertEquals(PaymentStatus.PROCESSING, live.stored(intent.id(), paymentId).status());

        long deadline = System.nanoTime() + LiveFunction.SETTLE_DEADLINE.toNanos();
        Payment current = live.stored(intent.id(), paymentId);
        while (current.status() == PaymentStatus.PROCESSING) {
            if (System.nanoTime() > deadline) {
                fail("the sweep never settled " + paymentId);
            }
            live.outcomes().settleOverdue(Duration.ofMillis(1), 1000); // the index is eventually consistent
            Thread.sleep(200);
            current = live.stored(intent.id(), paymentId);
        }

        assertEquals(PaymentStatus.SUCCESSFUL, current.status());
        assertEquals(1, simulator.acceptedRequestsFor(paymentId), "one debit request");
    }
}
