package io.cauri.attemptpayment.e2e;

import io.cauri.connector.mtn.MtnMomoGateway;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import io.cauri.store.TableNames;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cauri.attemptpayment.e2e.LiveFunction.assertFailed;
import static io.cauri.attemptpayment.e2e.LiveFunction.paymentId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live MTN MoMo payments end to end: the attempt handler, DynamoDB Local, the real {@link MtnMomoGateway} against
 * the MTN MoMo simulator on 127.0.0.1, and the real reconciliation. No callback reaches this function (the MTN
 * callback route is provider-events'): every outcome below is found by the reconciliation check scheduled before
 * MTN was called, i.e. a lost callback is the normal case here.
 */
class MtnMomoEndToEndTest {
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration EXPIRY = Duration.ofMillis(2500);
    static final Duration NOT_FOUND_GRACE = Duration.ofMillis(1500);
    static final String PAYS = "2250700000001";
    static final TableNames TABLES = TableNames.defaults();

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
                "e2e.connectors.mtn-momo.not-found-grace", NOT_FOUND_GRACE.toMillis() + "ms",
                "e2e.connectors.request-timeout", "4s",
                "cauri.payments.provider-window", WINDOW.toMillis() + "ms",
                "cauri.payments.provider-expiry", EXPIRY.toMillis() + "ms"));
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().reset();
        FaultInjector.disarm();
    }

    @AfterAll
    static void stop() {
        live.close();
        simulator.close();
    }

    /** A write of this intent (other tests' reconciliations may be writing theirs meanwhile). */
    static boolean writes(software.amazon.awssdk.core.SdkRequest request, PaymentIntent intent) {
        return request instanceof PutItemRequest put && TABLES.intents().equals(put.tableName())
                && put.item().containsKey("id") && intent.id().equals(put.item().get("id").s());
    }

    static String referenceOf(Payment payment) {
        return MtnMomoGateway.referenceOf(payment);
    }

    @Test
    void aPayerWhoApprovesIsAskedOnThePhoneAndTheScheduledCheckSettlesItWithoutCallback() throws Exception {
        PaymentIntent intent = live.liveIntent(1000);
        Response response = live.attempt(intent, "CI", "mtn", PAYS);
        String paymentId = paymentId(response);

        assertEquals("action_required", response.json().get("status").asText(), response.body());
        assertEquals("ussd", response.json().get("nextAction").get("type").asText());
        Payment asked = live.stored(intent.id(), paymentId);
        assertEquals("mtn-momo", asked.gatewayId());
        assertEquals(referenceOf(asked), asked.providerReference());
        assertEquals(NextAction.Type.USSD, asked.nextAction().type());

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertEquals(PaymentStatus.SUCCESSFUL, done.status());
        assertEquals(1, simulator.acceptedRequestsFor(paymentId), "one debit request");
        assertEquals(1, simulator.requestToPayPosts(referenceOf(done)));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource({
            "46733123470, NOT_ENOUGH_FUNDS, CUSTOMER_INSUFFICIENT_FUNDS",
            "46733123455, PAYER_NOT_FOUND, INVALID_MSISDN",
            "46733123451, APPROVAL_REJECTED, CANCELED_BY_CUSTOMER",
            "46733123452, EXPIRED, AUTHENTICATION_TIMEOUT",
            "46733123472, SENDER_ACCOUNT_NOT_ACTIVE, CUSTOMER_ACCOUNT_LOCKED",
            "46733123471, PAYER_LIMIT_REACHED, PAYER_QUOTA_EXCEEDED",
            "46733123457, NOT_ALLOWED, FORBIDDEN_BY_PROVIDER",
            "46733123462, SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE",
            "46733123473, TRANSACTION_CANCELED, CANCELED",
            "46733123461, INTERNAL_PROCESSING_ERROR, UNKNOWN_REASON",
    })
    void eachFailureReasonEndsTheIntentsPaymentWithItsHub2Code(String msisdn, String reason, FailureCode code)
            throws Exception {
        PaymentIntent intent = live.liveIntent(1000);
        String paymentId = paymentId(live.attempt(intent, "CI", "mtn", msisdn));

        assertFailed(live.awaitFinal(intent.id(), paymentId), code);
        assertEquals(1, simulator.acceptedRequestsFor(paymentId));
    }

    @Test
    void aPayerWhoNeverAnswersIsPendingAtMtnUntilTheProviderExpiryThenTimesOut() throws Exception {
        PaymentIntent intent = live.liveIntent(1000);
        String paymentId = paymentId(live.attempt(intent, "CI", "mtn", "46733123453")); // PENDING for ever

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertFailed(done, FailureCode.TIMEOUT);
        assertTrue(!done.updatedAt().isBefore(done.createdAt().plus(EXPIRY)), "not before the provider expiry");
        assertEquals(1, simulator.acceptedRequestsFor(paymentId));
    }

    @Test
    void a5xxOnInitiateAfterMtnTookTheRequestStaysProcessingThenReconcilesWithOneDebitRequest() throws Exception {
        simulator.faults().failInitiates(1, 500, true);
        PaymentIntent intent = live.liveIntent(1000);
        Response response = live.attempt(intent, "CI", "mtn", PAYS);
        String paymentId = paymentId(response);

        assertEquals("processing", response.json().get("status").asText(), "outcome unknown: never failed");
        assertEquals(PaymentStatus.PROCESSING, live.stored(intent.id(), paymentId).status());

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertEquals(PaymentStatus.SUCCESSFUL, done.status());
        assertEquals(1, simulator.requestToPayPosts(referenceOf(done)), "no second debit request");
        assertEquals(1, simulator.acceptedRequestsFor(paymentId));
    }

    @Test
    void a5xxOnInitiateMtnDidNotTakeStaysProcessingThenFailsAsNeverReceived() throws Exception {
        simulator.faults().failInitiates(1, 503, false);
        PaymentIntent intent = live.liveIntent(1000);
        String paymentId = paymentId(live.attempt(intent, "CI", "mtn", PAYS));
        assertEquals(PaymentStatus.PROCESSING, live.stored(intent.id(), paymentId).status());

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertFailed(done, FailureCode.SERVICE_UNAVAILABLE);
        assertEquals(0, simulator.acceptedRequestsFor(paymentId), "MTN never took it: no debit");
    }

    @Test
    void aTimeoutAfterSendingStaysProcessingAndSettlesWithoutASecondDebitRequest() throws Exception {
        simulator.faults().delayInitiates(Duration.ofSeconds(7)); // taken at once, answered after our 4 s timeout
        PaymentIntent intent = live.liveIntent(1000);
        Response response = live.attempt(intent, "CI", "mtn", PAYS);
        String paymentId = paymentId(response);
        simulator.faults().delayInitiates(Duration.ZERO);

        assertEquals("processing", response.json().get("status").asText(), response.body());

        Payment done = live.awaitFinal(intent.id(), paymentId);

        assertEquals(PaymentStatus.SUCCESSFUL, done.status());
        assertEquals(1, simulator.requestToPayPosts(referenceOf(done)), "the per-reference counter: one request");
        assertEquals(1, simulator.acceptedRequestsFor(paymentId));
    }

    /**
     * The function "dies" between MTN taking the request and the answer's write: the write of the answer fails (the
     * second write of the intent after the attempt's: the first stores the reference). The check scheduled before
     * MTN was called settles it.
     */
    @Test
    void aCrashBetweenTheAttemptsWriteAndTheAnswersEndsSettledNotStuck() throws Exception {
        PaymentIntent intent = live.liveIntent(1000);
        AtomicInteger intentPuts = new AtomicInteger();
        FaultInjector.before(r -> writes(r, intent) && intentPuts.incrementAndGet() == 2, () -> {
            throw SdkClientException.create("injected: the function died before the answer was written");
        });

        Response response = live.attempt(intent, "CI", "mtn", PAYS);

        assertTrue(FaultInjector.fired(), "the answer's write was the one that failed");
        assertTrue(response.status() >= 500, response.status() + " " + response.body());
        Payment unanswered = live.function.context().getBean(io.cauri.intent.IntentRepository.class)
                .find(intent.id()).orElseThrow().currentPayment().orElseThrow();
        assertEquals(PaymentStatus.PROCESSING, unanswered.status(), "the answer was never written");
        assertEquals(referenceOf(unanswered), unanswered.providerReference(), "saved before MTN was called");

        Payment done = live.awaitFinal(intent.id(), unanswered.id());

        assertEquals(PaymentStatus.SUCCESSFUL, done.status());
        assertEquals(1, simulator.acceptedRequestsFor(done.id()));
    }

    /** The reference's write fails: MTN is never asked, and the payment ends failed (never received), not stuck. */
    @Test
    void aReferenceThatCannotBeSavedSendsNothingAndThePaymentEndsFailedNotStuck() throws Exception {
        PaymentIntent intent = live.liveIntent(1000);
        FaultInjector.before(r -> writes(r, intent), () -> {
            throw SdkClientException.create("injected: storage failed before the request to pay");
        });

        Response response = live.attempt(intent, "CI", "mtn", PAYS);

        assertTrue(FaultInjector.fired());
        String paymentId = paymentId(response);
        Payment unsent = live.stored(intent.id(), paymentId);
        assertEquals(PaymentStatus.PROCESSING, unsent.status());
        assertNull(unsent.providerReference());
        assertEquals(0, simulator.requestToPayPosts(referenceOf(unsent)), "nothing sent to MTN");

        assertFailed(live.awaitFinal(intent.id(), paymentId), FailureCode.SERVICE_UNAVAILABLE);
        assertEquals(0, simulator.requestToPayPosts(referenceOf(unsent)));
    }

    @Test
    void anExpiredTokenIsRenewedOnceForSeveralAttemptsNotPerRequest() throws Exception {
        live.attempt(live.liveIntent(1000), "CI", "mtn", PAYS); // a token is cached
        simulator.expireTokens(); // MTN ends it early: every request with it is now refused (401)
        int tokensBefore = simulator.tokenRequests();

        List<String> payments = new ArrayList<>();
        List<PaymentIntent> intents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PaymentIntent intent = live.liveIntent(1000);
            intents.add(intent);
            Response response = live.attempt(intent, "CI", "mtn", PAYS);
            payments.add(paymentId(response));
            assertEquals("action_required", response.json().get("status").asText(), response.body());
        }

        assertEquals(tokensBefore + 1, simulator.tokenRequests(), "renewed once, not per request");
        for (int i = 0; i < payments.size(); i++) {
            assertEquals(PaymentStatus.SUCCESSFUL, live.awaitFinal(intents.get(i).id(), payments.get(i)).status());
            assertEquals(1, simulator.acceptedRequestsFor(payments.get(i)));
        }
        assertEquals(tokensBefore + 1, simulator.tokenRequests(), "the status reads used the renewed token too");
    }
}
