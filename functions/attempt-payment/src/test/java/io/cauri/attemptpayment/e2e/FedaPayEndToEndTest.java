package io.cauri.attemptpayment.e2e;

import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.fedapay.FedaPaySimulator.Operation;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cauri.attemptpayment.e2e.LiveFunction.assertFailed;
import static io.cauri.attemptpayment.e2e.LiveFunction.paymentId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live FedaPay payments (Moov in Benin) end to end: the attempt handler, DynamoDB Local, the real FedaPay connector
 * against the FedaPay simulator on 127.0.0.1, and the real reconciliation. No webhook reaches this function: every
 * outcome is found by the check scheduled before FedaPay was called. The transaction id is stored with the payment
 * before the push, so a push whose answer is lost is still read back by it.
 */
class FedaPayEndToEndTest {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final String PAYS = "22964000001";

    static FedaPaySimulator simulator;
    static LiveFunction live;

    @BeforeAll
    static void start() throws Exception {
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(E2eConnectors.FEDAPAY_KEY)
                .withPayerDelay(Duration.ofMillis(300)).withExpiry(Duration.ofMillis(1500)));
        live = new LiveFunction(Map.of(
                "e2e.connectors.fedapay.base-url", simulator.baseUrl().toString(),
                "e2e.connectors.request-timeout", "4s",
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms",
                "cauri.payments.provider-expiry", "4s"));
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

    /** The FedaPay transactions made for one of our payments (the simulator reads their custom_metadata). */
    static List<Long> transactionsOf(String paymentId) {
        return simulator.transactionsWithMetadata("cauri_payment_id", paymentId);
    }

    @Test
    void aPayerWhoApprovesIsAskedOnThePhoneAndTheScheduledCheckSettlesIt() throws Exception {
        PaymentIntent intent = live.liveIntent(1500);
        Response response = live.attempt(intent, "BJ", "moov", PAYS);
        String paymentId = paymentId(response);

        assertEquals("action_required", response.json().get("status").asText(), response.body());
        Payment asked = live.stored(intent.id(), paymentId);
        assertEquals("fedapay", asked.gatewayId());
        assertEquals(NextAction.Type.USSD, asked.nextAction().type());
        List<Long> transactions = transactionsOf(paymentId);
        assertEquals(1, transactions.size());
        assertEquals(String.valueOf(transactions.get(0)), asked.providerReference());

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        assertEquals(1, simulator.requests(Operation.PUSH, transactions.get(0)), "one debit request");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "22964000002, CUSTOMER_INSUFFICIENT_FUNDS",
            "22964000003, CANCELED_BY_CUSTOMER",
            "22964000004, CANCELED_BY_CUSTOMER",
            "22964000006, UNKNOWN_REASON",
    })
    void eachDeclineEndsThePaymentWithItsHub2Code(String msisdn, FailureCode code) throws Exception {
        PaymentIntent intent = live.liveIntent(1500);
        String paymentId = paymentId(live.attempt(intent, "BJ", "moov", msisdn));

        assertFailed(live.awaitFinal(intent.id(), paymentId), code);
        assertEquals(1, transactionsOf(paymentId).size());
    }

    @Test
    void aPayerWhoNeverAnswersEndsTimeoutWhenTheTransactionExpires() throws Exception {
        PaymentIntent intent = live.liveIntent(1500);
        String paymentId = paymentId(live.attempt(intent, "BJ", "moov", "22964000005"));

        assertFailed(live.awaitFinal(intent.id(), paymentId), FailureCode.TIMEOUT);
        assertEquals(1, simulator.requests(Operation.PUSH, transactionsOf(paymentId).get(0)));
    }

    /** The push was carried out, then a 502: its answer is lost; the saved transaction id is read back. */
    @Test
    void a5xxOnAPushFedaPayCarriedOutStaysProcessingAndIsReconciledByTheTransactionIdSavedBeforeThePush()
            throws Exception {
        simulator.failNextAfterProcessing(Operation.PUSH, 502);
        PaymentIntent intent = live.liveIntent(1500);
        Response response = live.attempt(intent, "BJ", "moov", PAYS);
        String paymentId = paymentId(response);

        assertEquals("processing", response.json().get("status").asText(), "outcome unknown: never failed");
        Payment unknown = live.stored(intent.id(), paymentId);
        long transaction = transactionsOf(paymentId).get(0);
        assertEquals(String.valueOf(transaction), unknown.providerReference(), "saved before the push");

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        assertEquals(1, simulator.requests(Operation.PUSH, transaction), "no second debit request");
        assertEquals(1, transactionsOf(paymentId).size(), "no second transaction");
    }

    /** A 500 before the push was carried out: nobody was asked to pay; pending at FedaPay, it ends timeout. */
    @Test
    void a5xxOnAPushFedaPayDidNotCarryOutStaysProcessingThenEndsAtTheProviderExpiry() throws Exception {
        simulator.failNext(Operation.PUSH, 500);
        PaymentIntent intent = live.liveIntent(1500);
        String paymentId = paymentId(live.attempt(intent, "BJ", "moov", PAYS));
        assertEquals(PaymentStatus.PROCESSING, live.stored(intent.id(), paymentId).status());

        assertFailed(live.awaitFinal(intent.id(), paymentId), FailureCode.TIMEOUT);
        long transaction = transactionsOf(paymentId).get(0);
        assertEquals(1, simulator.requests(Operation.PUSH, transaction));
        assertEquals("pending", simulator.status(transaction).orElseThrow(), "never pushed, never paid");
    }

    @Test
    void aTimeoutAfterThePushWasSentStaysProcessingAndSettlesWithoutASecondPush() throws Exception {
        simulator.delayNext(Operation.PUSH, Duration.ofSeconds(7)); // carried out, answered after our 4 s timeout
        PaymentIntent intent = live.liveIntent(1500);
        Response response = live.attempt(intent, "BJ", "moov", PAYS);
        String paymentId = paymentId(response);

        assertEquals("processing", response.json().get("status").asText(), response.body());

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), paymentId).status());
        long transaction = transactionsOf(paymentId).get(0);
        assertEquals(1, simulator.requests(Operation.PUSH, transaction), "the per-transaction counter: one push");
    }

    /** The answer's write fails after FedaPay took the push (the function "dies"): the check settles it. */
    @Test
    void aCrashBetweenTheAttemptsWriteAndTheAnswersEndsSettledNotStuck() throws Exception {
        PaymentIntent intent = live.liveIntent(1500);
        AtomicInteger writes = new AtomicInteger();
        FaultInjector.before(r -> MtnMomoEndToEndTest.writes(r, intent) && writes.incrementAndGet() == 2, () -> {
            throw SdkClientException.create("injected: the function died before the answer was written");
        });

        Response response = live.attempt(intent, "BJ", "moov", PAYS);

        assertTrue(FaultInjector.fired(), "the answer's write was the one that failed");
        assertTrue(response.status() >= 500, response.status() + " " + response.body());
        Payment unanswered = live.function.context().getBean(io.cauri.intent.IntentRepository.class)
                .find(intent.id()).orElseThrow().currentPayment().orElseThrow();
        assertEquals(PaymentStatus.PROCESSING, unanswered.status());
        long transaction = transactionsOf(unanswered.id()).get(0);
        assertEquals(String.valueOf(transaction), unanswered.providerReference());

        assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intent.id(), unanswered.id()).status());
        assertEquals(1, simulator.requests(Operation.PUSH, transaction));
    }

    /**
     * The transaction id cannot be stored: nothing is pushed. The payment stays processing with no reference; its
     * status read fails it once no initiate can still push (FedaPayGatewayTest: the grace is 2 minutes).
     */
    @Test
    void aTransactionIdThatCannotBeSavedIsNeverPushed() throws Exception {
        PaymentIntent intent = live.liveIntent(1500);
        FaultInjector.before(r -> MtnMomoEndToEndTest.writes(r, intent), () -> {
            throw SdkClientException.create("injected: storage failed before the push");
        });

        Response response = live.attempt(intent, "BJ", "moov", PAYS);

        assertTrue(FaultInjector.fired());
        String paymentId = paymentId(response);
        assertEquals("processing", response.json().get("status").asText());
        long transaction = transactionsOf(paymentId).get(0);
        assertEquals(0, simulator.requests(Operation.PUSH, transaction), "nothing pushed");
        assertEquals(0, simulator.requests(Operation.TOKEN, transaction));
        assertEquals(null, live.stored(intent.id(), paymentId).providerReference());
    }
}
