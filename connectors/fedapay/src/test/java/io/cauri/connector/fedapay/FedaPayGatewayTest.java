package io.cauri.connector.fedapay;

import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderRequest;
import io.cauri.simulator.fedapay.FedaPaySimulator;
import io.cauri.simulator.fedapay.FedaPaySimulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector against the FedaPay simulator on 127.0.0.1: real HTTP, real JSON, the simulator's own counts of
 * what it was asked. Nothing is mocked.
 */
class FedaPayGatewayTest {
    static final String KEY = "sk_sandbox_connector_test";
    static final String WEBHOOK_SECRET = "wh_sandbox_connector_test";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private FedaPaySimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private FedaPayGateway gateway(FedaPaySimulator.Settings settings) throws IOException {
        simulator = FedaPaySimulator.start(settings);
        return new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), KEY, WEBHOOK_SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    private FedaPayGateway gateway() throws IOException {
        return gateway(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMillis(100)));
    }

    static ProviderRequest request(String country, String provider, String number, long amount) {
        int n = SEQ.incrementAndGet();
        String intentId = "pi_fedapaytest" + n;
        Instant now = Instant.now();
        PaymentIntent intent = PaymentIntent.open(intentId, "m_test", Mode.LIVE, now, "order-" + n, "customer-" + n,
                amount, Currency.XOF, null);
        Payment payment = new Payment("pay_fedapaytest" + n, intentId, now, now, PaymentStatus.PROCESSING, amount,
                Currency.XOF, "mobile_money", country, provider, number, null, List.of(), null, null, null, null, null);
        return new ProviderRequest(intent, payment, null);
    }

    static ProviderRequest request(String number) {
        return request("BJ", "mtn", number, 1500);
    }

    /** The payment as stored once its provider reference is recorded. */
    static Payment withReference(Payment p, String reference) {
        return new Payment(p.id(), p.intentId(), p.createdAt(), p.updatedAt(), p.status(), p.amount(), p.currency(),
                p.method(), p.country(), p.provider(), p.number(), p.failure(), p.fees(), p.nextAction(), reference,
                p.gatewayId(), p.onSuccessRedirectionUrl(), p.onFailedRedirectionUrl());
    }

    /** The status once it is no longer pending (the simulated payer answers after its delay), within 10 s. */
    static ProviderAnswer settled(FedaPayGateway gateway, Payment payment) throws InterruptedException {
        ProviderAnswer answer = gateway.status(payment);
        for (int i = 0; i < 100 && answer instanceof ProviderAnswer.Pending; i++) {
            Thread.sleep(100);
            answer = gateway.status(payment);
        }
        return answer;
    }

    private List<Long> transactionsOf(Payment payment) {
        return simulator.transactionsWithMetadata(FedaPayGateway.METADATA_PAYMENT, payment.id());
    }

    // ---- outcomes -------------------------------------------------------------------------------------------

    @Test
    void anApprovedPaymentAsksThePayerOnThePhoneThenSucceeds() throws Exception {
        FedaPayGateway gateway = gateway();
        ProviderRequest request = request("64000001");

        ProviderAnswer first = gateway.initiate(request);

        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class, first);
        assertEquals(NextAction.Type.USSD, action.action().type());
        long transaction = Long.parseLong(action.providerReference());
        assertEquals(List.of(transaction), transactionsOf(request.payment()));
        Payment stored = withReference(request.payment(), action.providerReference());
        assertEquals(new ProviderAnswer.Succeeded(action.providerReference()), settled(gateway, stored));
        assertEquals(1, simulator.requests(Operation.CREATE, transaction));
        assertEquals(1, simulator.requests(Operation.TOKEN, transaction));
        assertEquals(1, simulator.requests(Operation.PUSH, transaction));
    }

    @Test
    void eachDeclineReasonAndACancelMapToTheirFailureCodes() throws Exception {
        FedaPayGateway gateway = gateway();
        record Case(String number, FailureCode code) {
        }
        for (Case c : List.of(new Case("64000002", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS),
                new Case("64000003", FailureCode.CANCELED_BY_CUSTOMER),
                new Case("64000004", FailureCode.CANCELED_BY_CUSTOMER),
                new Case("64000006", FailureCode.UNKNOWN_REASON))) {
            ProviderRequest request = request(c.number());
            ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                    gateway.initiate(request));
            ProviderAnswer end = settled(gateway, withReference(request.payment(), action.providerReference()));
            assertEquals(c.code(), assertInstanceOf(ProviderAnswer.Failed.class, end, c.number()).code(), c.number());
        }
    }

    @Test
    void aPayerWhoNeverAnswersIsPendingUntilTheTransactionExpiresThenTimeout() throws Exception {
        FedaPayGateway gateway = gateway(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMillis(50))
                .withExpiry(Duration.ofSeconds(1)));
        ProviderRequest request = request("64000005");
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                gateway.initiate(request));
        Payment stored = withReference(request.payment(), action.providerReference());

        assertInstanceOf(ProviderAnswer.Pending.class, gateway.status(stored));
        ProviderAnswer end = settled(gateway, stored);
        assertEquals(FailureCode.TIMEOUT, assertInstanceOf(ProviderAnswer.Failed.class, end).code());
    }

    // ---- unknown outcomes: never failed, never a second debit ----------------------------------------------

    @Test
    void a5xxBeforeTheCreationIsUnknownNotFailedAndNothingIsPushed() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.failNext(Operation.CREATE, 503);
        ProviderRequest request = request("64000001");

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request));

        assertEquals(FedaPayOutcomeUnknownException.Step.CREATE, unknown.step());
        assertNull(unknown.transactionId());
        assertEquals(List.of(), transactionsOf(request.payment()));
        assertEquals(0, simulator.total(Operation.TOKEN));
        assertEquals(0, simulator.total(Operation.PUSH));
    }

    @Test
    void a5xxAfterTheCreationIsUnknownAndTheCreatedTransactionIsNeverPushed() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.failNextAfterProcessing(Operation.CREATE, 500);
        ProviderRequest request = request("64000001");

        assertThrows(FedaPayOutcomeUnknownException.class, () -> gateway.initiate(request));

        List<Long> created = transactionsOf(request.payment());
        assertEquals(1, created.size()); // FedaPay made it; the answer was lost
        assertEquals(0, simulator.requests(Operation.PUSH, created.get(0)));
        assertEquals("pending", simulator.status(created.get(0)).orElseThrow()); // no one can pay it: no token given
    }

    @Test
    void a5xxOnAPushFedaPayCarriedOutIsUnknownAndTheStatusReadSettlesItWithOneDebitRequest() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.failNextAfterProcessing(Operation.PUSH, 502);
        ProviderRequest request = request("64000001");

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request));

        assertEquals(FedaPayOutcomeUnknownException.Step.PUSH, unknown.step());
        long transaction = unknown.transactionId();
        Payment stored = withReference(request.payment(), String.valueOf(transaction));
        assertEquals(new ProviderAnswer.Succeeded(String.valueOf(transaction)), settled(gateway, stored));
        assertEquals(List.of(transaction), transactionsOf(request.payment())); // no second transaction
        assertEquals(1, simulator.requests(Operation.PUSH, transaction)); // no second debit request
    }

    @Test
    void a5xxOnAPushFedaPayDidNotCarryOutStaysPendingNeverFailed() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.failNext(Operation.PUSH, 500);
        ProviderRequest request = request("64000001");

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request));

        Payment stored = withReference(request.payment(), String.valueOf(unknown.transactionId()));
        Thread.sleep(300); // longer than the payer delay: had the push been carried out, it would be settled
        assertInstanceOf(ProviderAnswer.Pending.class, gateway.status(stored));
        assertEquals(1, simulator.requests(Operation.PUSH, unknown.transactionId()));
    }

    @Test
    void aTimeoutAfterThePushWasSentIsUnknownAndThePaymentSettlesWithOneDebitRequest() throws Exception {
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMillis(100)));
        FedaPayGateway gateway = new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), KEY, WEBHOOK_SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
        simulator.delayNext(Operation.PUSH, Duration.ofSeconds(3));
        ProviderRequest request = request("64000001");

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request));

        assertEquals(FedaPayOutcomeUnknownException.Step.PUSH, unknown.step());
        assertFalse(unknown.getMessage().contains(KEY), unknown.getMessage()); // logged by the reconciliation
        Payment stored = withReference(request.payment(), String.valueOf(unknown.transactionId()));
        assertInstanceOf(ProviderAnswer.Succeeded.class, settled(gateway, stored));
        assertEquals(1, simulator.requests(Operation.PUSH, unknown.transactionId()));
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsUnknown() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.closeNext(Operation.PUSH);
        ProviderRequest request = request("64000001");

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request));

        assertEquals(FedaPayOutcomeUnknownException.Step.PUSH, unknown.step());
        assertEquals(1, simulator.requests(Operation.PUSH, unknown.transactionId()));
    }

    @Test
    void aRefusedPushThatFedaPayNonethelessHoldsIsTheUssdStepNotAFailure() throws Exception {
        // a payer who answers long after the read-back, however slow this machine is: the push is still pending
        FedaPayGateway gateway = gateway(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMinutes(1)));
        simulator.failNextAfterProcessing(Operation.PUSH, 400); // carried out, then refused: e.g. "already sent"
        ProviderRequest request = request("64000001");

        ProviderAnswer answer = gateway.initiate(request);

        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class, answer);
        assertEquals(1, simulator.requests(Operation.PUSH, Long.parseLong(action.providerReference())));
    }

    @Test
    void aStatusReadThatTimesOutIsUnknown() throws Exception {
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMillis(100)));
        FedaPayGateway gateway = new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), KEY, WEBHOOK_SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
        ProviderRequest request = request("64000001");
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                gateway.initiate(request));
        simulator.delayNext(Operation.RETRIEVE, Duration.ofSeconds(2));

        assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.status(withReference(request.payment(), action.providerReference())));
    }

    // ---- known before or without any debit request ------------------------------------------------------

    @Test
    void anUnreachableFedaPayFailsAtOnceAsServiceUnavailableSinceNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FedaPayGateway gateway = new FedaPayGateway(new FedaPayConfig(URI.create("http://127.0.0.1:" + closedPort),
                KEY, WEBHOOK_SECRET));

        ProviderAnswer answer = gateway.initiate(request("64000001"));

        assertEquals(FailureCode.SERVICE_UNAVAILABLE, assertInstanceOf(ProviderAnswer.Failed.class, answer).code());
    }

    @Test
    void aCreationFedaPayRefusesIsAKnownFailureAndNothingExists() throws Exception {
        simulator = FedaPaySimulator.start(FedaPaySimulator.Settings.of(KEY));
        FedaPayGateway wrongKey = new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), "sk_sandbox_revoked",
                WEBHOOK_SECRET));
        ProviderRequest request = request("64000001");

        ProviderAnswer answer = wrongKey.initiate(request);

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, answer);
        assertEquals(FailureCode.INTERNAL_ERROR, failed.code());
        assertFalse(failed.message().contains("sk_sandbox"), failed.message()); // stored on the payment, shown to merchants
        assertEquals(List.of(), transactionsOf(request.payment()));
        assertEquals(0, simulator.total(Operation.PUSH));
    }

    @Test
    void aBadNumberIsRefusedAtCreationAndFailsInvalidMsisdn() throws Exception {
        FedaPayGateway gateway = gateway();
        // the customer's phone number is checked at creation too: the creation is refused, nothing pushed
        ProviderAnswer answer = gateway.initiate(request("12ab"));
        assertEquals(FailureCode.INVALID_MSISDN, assertInstanceOf(ProviderAnswer.Failed.class, answer).code());
        assertEquals(0, simulator.total(Operation.PUSH));
    }

    @Test
    void aRouteFedaPayDoesNotServeFailsWithoutAnyRequest() throws Exception {
        FedaPayGateway gateway = gateway();
        ProviderAnswer answer = gateway.initiate(request("CI", "wave", "0700000001", 1000));
        assertEquals(FailureCode.INVALID_PAYMENT_PROCESSOR, assertInstanceOf(ProviderAnswer.Failed.class, answer).code());
        assertEquals(0, simulator.total(Operation.CREATE));
    }

    @Test
    void aStatusWithoutAFedaPayTransactionIsUnknownWhileAnInitiateMayStillBeUnderWay() throws Exception {
        FedaPayGateway gateway = gateway();
        assertThrows(FedaPayOutcomeUnknownException.class, () -> gateway.status(request("64000001").payment()));
        assertEquals(0, simulator.total(Operation.RETRIEVE));
    }

    @Test
    void aStatusWithoutAFedaPayTransactionPastTheGraceFailsSinceNoPushCanHaveBeenSent() throws Exception {
        FedaPayGateway gateway = gateway();
        Payment payment = request("64000001").payment();
        FedaPayGateway later = new FedaPayGateway(new FedaPayConfig(simulator.baseUrl(), KEY, WEBHOOK_SECRET),
                java.time.Clock.fixed(payment.createdAt().plus(FedaPayGateway.INITIATE_GRACE).plusSeconds(1),
                        java.time.ZoneOffset.UTC));

        ProviderAnswer.Failed failed = assertInstanceOf(ProviderAnswer.Failed.class, later.status(payment));

        assertEquals(FailureCode.SERVICE_UNAVAILABLE, failed.code());
        assertEquals(0, simulator.total(Operation.RETRIEVE));
        assertEquals(0, simulator.total(Operation.PUSH));
    }

    @Test
    void theTransactionIdIsSavedBeforeThePushSoAnUnknownPushIsReadBackByIt() throws Exception {
        FedaPayGateway gateway = gateway();
        simulator.failNextAfterProcessing(Operation.PUSH, 502);
        ProviderRequest request = request("64000001");
        List<String> saved = new java.util.ArrayList<>();
        List<Integer> pushesWhenSaved = new java.util.ArrayList<>();

        FedaPayOutcomeUnknownException unknown = assertThrows(FedaPayOutcomeUnknownException.class,
                () -> gateway.initiate(request, reference -> {
                    saved.add(reference);
                    pushesWhenSaved.add(simulator.total(Operation.PUSH));
                }));

        assertEquals(List.of(String.valueOf(unknown.transactionId())), saved);
        assertEquals(List.of(0), pushesWhenSaved, "saved before the push was sent");
        Payment stored = withReference(request.payment(), saved.get(0));
        assertEquals(new ProviderAnswer.Succeeded(saved.get(0)), settled(gateway, stored));
        assertEquals(1, simulator.requests(Operation.PUSH, unknown.transactionId()));
    }

    @Test
    void aTransactionIdThatCannotBeSavedIsNeverPushed() throws Exception {
        FedaPayGateway gateway = gateway();
        ProviderRequest request = request("64000001");

        assertThrows(IllegalStateException.class, () -> gateway.initiate(request, reference -> {
            throw new IllegalStateException("storage down");
        }));

        List<Long> created = transactionsOf(request.payment());
        assertEquals(1, created.size());
        assertEquals(0, simulator.total(Operation.TOKEN));
        assertEquals(0, simulator.total(Operation.PUSH));
        assertEquals("pending", simulator.status(created.get(0)).orElseThrow());
    }

    @Test
    void anotherPaymentsTransactionNeverSettlesThisPayment() throws Exception {
        FedaPayGateway gateway = gateway();
        ProviderRequest paid = request("64000001");
        ProviderAnswer.ActionRequired action = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                gateway.initiate(paid));
        settled(gateway, withReference(paid.payment(), action.providerReference()));

        Payment other = withReference(request("64000001").payment(), action.providerReference());

        assertThrows(FedaPayOutcomeUnknownException.class, () -> gateway.status(other));
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        FedaPayConfig config = new FedaPayConfig(URI.create("https://sandbox-api.fedapay.com"), "sk_sandbox_SECRET1",
                "wh_sandbox_SECRET2");
        assertFalse(config.toString().contains("SECRET1"), config.toString());
        assertFalse(config.toString().contains("SECRET2"), config.toString());
        assertTrue(config.toString().contains("sandbox-api.fedapay.com"));
        assertThrows(IllegalArgumentException.class, () -> new FedaPayConfig(URI.create("http://api.fedapay.com"),
                "sk", "wh")); // the key would cross the network in clear
    }
}
