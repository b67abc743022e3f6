package io.cauri.attemptpayment.e2e;

import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.provider.Connectors;
import io.cauri.provider.ProviderAnswer;
import io.cauri.simulator.wave.WaveSimulator;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cauri.attemptpayment.e2e.LiveFunction.assertFailed;
import static io.cauri.attemptpayment.e2e.LiveFunction.paymentId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live Wave payments (Côte d'Ivoire) end to end: the attempt handler, DynamoDB Local, the real Wave Checkout
 * connector against the Wave simulator on 127.0.0.1, and the real reconciliation. No webhook reaches this function:
 * every outcome is found by the check scheduled before Wave was called. The simulator's sessions last 4 s, so an
 * unpaid one expires within the test (Wave's own expiry: {@code timeout}, or the last payment error's code).
 */
class WaveEndToEndTest {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration SESSION_TTL = Duration.ofSeconds(4);

    static WaveSimulator simulator;
    static LiveFunction live;

    @BeforeAll
    static void start() throws Exception {
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(E2eConnectors.WAVE_API_KEY)
                .withSessionTtl(SESSION_TTL), 0);
        live = new LiveFunction(Map.of(
                "e2e.connectors.wave.base-url", simulator.baseUrl().toString(),
                "e2e.connectors.request-timeout", "4s",
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms",
                "cauri.payments.provider-expiry", "1m")); // Wave's session expiry decides, not ours
    }

    @AfterEach
    void disarm() {
        FaultInjector.disarm();
    }

    @AfterAll
    static void stop() {
        live.close();
        simulator.close();
    }

    /** What Wave says now of a stored payment, through the function's own connector (the payer's session id). */
    static String sessionOf(Payment payment) {
        ProviderAnswer answer = live.function.context().getBean(Connectors.class).of(payment).status(payment);
        return assertInstanceOf(ProviderAnswer.ActionRequired.class, answer).providerReference();
    }

    @Test
    void aPayerWhoPaysInTheWaveAppSucceedsAndTheScheduledCheckSettlesIt() throws Exception {
        PaymentIntent intent = live.liveIntent(2000);
        Response response = live.attempt(intent, "CI", "wave", "2250700000001");
        String paymentId = paymentId(response);

        assertEquals("action_required", response.json().get("status").asText(), response.body());
        assertEquals("redirection", response.json().get("nextAction").get("type").asText());
        String url = response.json().get("nextAction").get("data").get("url").asText();
        Payment asked = live.stored(intent.id(), paymentId);
        assertEquals("wave", asked.gatewayId());
        assertEquals(NextAction.Type.REDIRECTION, asked.nextAction().type());
        assertTrue(asked.providerReference().startsWith("cos-"), asked.providerReference());
        assertTrue(url.startsWith(simulator.baseUrl() + "/c/" + asked.providerReference()), url);

        simulator.pay(asked.providerReference());

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        assertEquals(1, simulator.sessionsCreated(paymentId));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "insufficient-funds, CUSTOMER_INSUFFICIENT_FUNDS",
            "blocked-account, CUSTOMER_ACCOUNT_LOCKED",
            "payer-mobile-mismatch, INVALID_MSISDN",
            "cross-border-payment-not-allowed, FORBIDDEN_BY_PROVIDER",
            "kyb-limits-exceeded, FORBIDDEN_BY_PROVIDER",
            "payment-failure, UNKNOWN_REASON",
    })
    void aFailedTryEndsWithItsHub2CodeWhenTheSessionExpires(String waveCode, FailureCode code) throws Exception {
        PaymentIntent intent = live.liveIntent(2000);
        String paymentId = paymentId(live.attempt(intent, "CI", "wave", "2250700000001"));
        Payment asked = live.stored(intent.id(), paymentId);

        simulator.failPayment(asked.providerReference(), waveCode); // the session stays open: the payer may retry

        assertFailed(live.awaitFinal(intent.id(), paymentId), code);
        assertEquals(1, simulator.sessionsCreated(paymentId));
    }

    @Test
    void aPayerWhoNeverPaysEndsTimeoutWhenWaveExpiresTheSession() throws Exception {
        PaymentIntent intent = live.liveIntent(2000);
        String paymentId = paymentId(live.attempt(intent, "CI", "wave", "2250700000001"));

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertFailed(done, FailureCode.TIMEOUT);
        assertTrue(!done.updatedAt().isBefore(done.createdAt().plus(SESSION_TTL)), "not before Wave's expiry");
    }

    /** Wave created the session, then a 500: processing, found by its client_reference, then paid and settled. */
    @Test
    void a5xxOnCreateStaysProcessingAndReconcilesToThePaymentWithOneSession() throws Exception {
        simulator.failNextCreatesAfterCreating(1, 500);
        PaymentIntent intent = live.liveIntent(2000);
        Response response = live.attempt(intent, "CI", "wave", "2250700000001");
        String paymentId = paymentId(response);

        assertEquals("processing", response.json().get("status").asText(), "outcome unknown: never failed");
        Payment unknown = live.stored(intent.id(), paymentId);
        assertEquals(PaymentStatus.PROCESSING, unknown.status());

        simulator.pay(sessionOf(unknown));

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        assertEquals(1, simulator.sessionsCreated(paymentId), "no second session");
        assertEquals(1, simulator.createRequests(paymentId), "no second create");
    }

    @Test
    void aTimeoutAfterTheCreateWasSentStaysProcessingAndEndsWithoutASecondSession() throws Exception {
        simulator.delayNextCreates(1, Duration.ofSeconds(7)); // created at once, answered after our 4 s timeout
        PaymentIntent intent = live.liveIntent(2000);
        Response response = live.attempt(intent, "CI", "wave", "2250700000001");
        String paymentId = paymentId(response);

        assertEquals("processing", response.json().get("status").asText(), response.body());

        assertFailed(live.awaitFinal(intent.id(), paymentId), FailureCode.TIMEOUT); // nobody got the URL
        assertEquals(1, simulator.createRequests(paymentId), "the per-reference counter: one create");
        assertEquals(1, simulator.sessionsCreated(paymentId));
    }

    /** The answer's write fails after Wave made the session (the function "dies"): the check still settles it. */
    @Test
    void aCrashBetweenTheAttemptsWriteAndTheAnswersEndsSettledNotStuck() throws Exception {
        PaymentIntent intent = live.liveIntent(2000);
        AtomicInteger writes = new AtomicInteger();
        FaultInjector.before(r -> MtnMomoEndToEndTest.writes(r, intent) && writes.incrementAndGet() == 2, () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create(
                    "injected: the function died before the answer was written");
        });

        Response response = live.attempt(intent, "CI", "wave", "2250700000001");

        assertTrue(FaultInjector.fired(), "the answer's write was the one that failed");
        assertTrue(response.status() >= 500, response.status() + " " + response.body());
        Payment unanswered = live.function.context().getBean(io.cauri.intent.IntentRepository.class)
                .find(intent.id()).orElseThrow().currentPayment().orElseThrow();
        assertEquals(PaymentStatus.PROCESSING, unanswered.status());
        assertTrue(unanswered.providerReference().startsWith("cos-"), "the session id was saved first");

        simulator.pay(unanswered.providerReference());

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), unanswered.id()).status());
        assertEquals(1, simulator.sessionsCreated(unanswered.id()));
    }
}
