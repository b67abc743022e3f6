package io.cauri.connector.mtn;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.RefundOrder;
import io.cauri.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MTN MoMo Disbursement (transfers and refunds) against the simulator on 127.0.0.1: real HTTP, nothing mocked. */
class MtnMomoDisbursementTest {
    private static final MtnMomoSimulator.Credentials COLLECTION = new MtnMomoSimulator.Credentials(
            "subkey-coll-71d0", "0b7d1c9e-4a5f-4e21-8c3d-2f6a9b1e7d40", "apikey-coll-a93b");
    private static final MtnMomoSimulator.Credentials DISBURSEMENT = new MtnMomoSimulator.Credentials(
            "subkey-DISB-SECRET-2e9f", "7c2f4a1b-8d3e-4b5a-9c6d-1e0f2a3b4c5d", "apikey-DISB-SECRET-5b71");
    private static final Duration DELAY = Duration.ofMillis(300);
    private static final String SUCCEEDS = "23423423450";

    private MtnMomoSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(COLLECTION).withPayerDelay(DELAY)
                .withDisbursement(DISBURSEMENT), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static MtnMomoConfig config(String baseUrl, MtnMomoSimulator.Credentials disbursement) {
        return new MtnMomoConfig(baseUrl, COLLECTION.subscriptionKey(), COLLECTION.apiUser(), COLLECTION.apiKey(),
                "sandbox", "EUR", null).withDisbursement(new MtnMomoConfig.Disbursement(disbursement.subscriptionKey(),
                disbursement.apiUser(), disbursement.apiKey()));
    }

    private MtnMomoDisbursement disbursement() {
        return disbursement(simulator.baseUrl(), DISBURSEMENT);
    }

    private static MtnMomoDisbursement disbursement(String baseUrl, MtnMomoSimulator.Credentials credentials) {
        return new MtnMomoDisbursement(config(baseUrl, credentials),
                MtnMomoTimings.defaults().withRequest(Duration.ofSeconds(2)), Clock.systemUTC());
    }

    private static PayoutOrder transfer(String msisdn) {
        return new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, "CI", "mtn", msisdn, "Awa Koné", 5000, Currency.XOF,
                "Salaire novembre", null);
    }

    private static Payment payment(String number) {
        Instant now = Instant.now();
        return new Payment(Ids.next(Ids.PAYMENT), Ids.next("pi_"), now, now, PaymentStatus.PROCESSING, 1500,
                Currency.XOF, "mobile_money", "CI", "mtn", number, null, List.of(), null, null, null, null, null);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.plusMillis(150).toMillis());
    }

    @Test
    void aTransferIsSentUnderAReferenceDerivedFromItsIdThenSucceeds() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer("+" + SUCCEEDS);

        PayoutAnswer sent = gateway.send(order);

        assertEquals(new PayoutAnswer.Pending(ReferenceIds.of(order.id())), sent);
        assertEquals(new PayoutAnswer.Pending(ReferenceIds.of(order.id())), gateway.status(order));
        sleep(DELAY);
        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(order.id())), gateway.status(order));
        assertEquals(1, simulator.disbursement().acceptedFor(order.id()));
    }

    @Test
    void sendingAnOrderAgainNeverPaysTwice() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer(SUCCEEDS);
        gateway.send(order);
        sleep(DELAY);

        PayoutAnswer again = disbursement().send(order); // another function instance: its own token, same reference

        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(order.id())), again, "409 read as already sent");
        assertEquals(2, simulator.disbursement().posts(ReferenceIds.of(order.id())));
        assertEquals(1, simulator.disbursement().acceptedFor(order.id()));
    }

    @ParameterizedTest
    @CsvSource({"46733123455, service_unavailable", "46733123457, invalid_msisdn", "46733123456, payer_quota_exceeded",
            "46733123458, forbidden_by_provider", "46733123452, timeout", "46733123450, unknown_reason"})
    void mtnsFailedTransfersCarryACodeOfTheCatalogue(String payee, String code) throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer(payee);
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.send(order));
        sleep(DELAY);
        PayoutAnswer.Failed failed = assertInstanceOf(PayoutAnswer.Failed.class, gateway.status(order));
        assertEquals(code, failed.code());
        assertFalse(failed.message().contains(payee), failed.message());
    }

    @Test
    void aTransferMtnKeepsPendingStaysPending() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer("46733123453");
        gateway.send(order);
        sleep(DELAY);
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.status(order));
    }

    @Test
    void a5xxAfterMtnTookTheTransferIsUnknownThenReadAsSent() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer(SUCCEEDS);
        simulator.disbursement().faults().failPosts(1, 500, true);

        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.send(order));

        sleep(DELAY);
        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(order.id())), gateway.status(order));
        assertEquals(1, simulator.disbursement().acceptedFor(order.id()));
    }

    @Test
    void a5xxBeforeMtnTookItIsUnknownAndTheStatusReadSendsItOnceUnderTheSameReference() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer(SUCCEEDS);
        simulator.disbursement().faults().failPosts(1, 503, false);

        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.send(order));
        assertEquals(0, simulator.disbursement().acceptedFor(order.id()));

        assertEquals(new PayoutAnswer.Pending(ReferenceIds.of(order.id())), gateway.status(order), "404, sent again");
        sleep(DELAY);
        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(order.id())), gateway.status(order));
        assertEquals(1, simulator.disbursement().acceptedFor(order.id()));
    }

    @Test
    void aTimeoutAfterSendingIsUnknownNeverFailed() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        PayoutOrder order = transfer(SUCCEEDS);
        simulator.disbursement().faults().delayPosts(Duration.ofMillis(3000));

        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> gateway.send(order));

        simulator.disbursement().faults().reset();
        sleep(DELAY);
        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(order.id())), gateway.status(order));
        assertEquals(1, simulator.disbursement().acceptedFor(order.id()));
    }

    @Test
    void mtnUnreachableOrRefusingTheCredentialsIsUnknownNeverFailed() throws Exception {
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
        PayoutOrder order = transfer(SUCCEEDS);
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> disbursement(nowhere, DISBURSEMENT).send(order));
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> disbursement(simulator.baseUrl(), COLLECTION).send(order),
                "Collection's credentials are not Disbursement's");
        simulator.disbursement().faults().failStatusReads(1, 502);
        assertThrows(MtnMomoException.OutcomeUnknown.class, () -> disbursement().status(order));
        assertEquals(0, simulator.disbursement().acceptedFor(order.id()));
    }

    @Test
    void aNumberWithoutItsCountryCodeOrAnotherCurrencyIsFailedWithoutSending() throws Exception {
        PayoutOrder order = transfer("0701");
        PayoutAnswer.Failed failed = assertInstanceOf(PayoutAnswer.Failed.class, disbursement().send(order));
        assertEquals("invalid_msisdn", failed.code());
        MtnMomoDisbursement production = new MtnMomoDisbursement(new MtnMomoConfig(simulator.baseUrl(),
                COLLECTION.subscriptionKey(), COLLECTION.apiUser(), COLLECTION.apiKey(), "mtnivorycoast", "XOF", null)
                .withDisbursement(new MtnMomoConfig.Disbursement("k", "u", "a")));
        PayoutOrder xaf = new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, "CM", "mtn", SUCCEEDS, null, 500,
                Currency.XAF, null, null);
        assertEquals("unsupported_currency", assertInstanceOf(PayoutAnswer.Failed.class, production.send(xaf)).code());
        assertEquals(0, simulator.disbursement().tokenRequests(), "nothing was asked of MTN");
    }

    @Test
    void aConnectorWithoutDisbursementCredentialsHasNoDisbursement() {
        MtnMomoConfig collectionOnly = new MtnMomoConfig(simulator.baseUrl(), COLLECTION.subscriptionKey(),
                COLLECTION.apiUser(), COLLECTION.apiKey(), "sandbox", "EUR", null);
        assertThrows(IllegalArgumentException.class, () -> new MtnMomoDisbursement(collectionOnly));
        assertFalse(collectionOnly.withDisbursement(new MtnMomoConfig.Disbursement("k", "u", "a")).toString()
                .contains("k,"));
    }

    @Test
    void aCollectedPaymentIsRefundedByItsReferenceInPartsNeverBeyondIt() throws Exception {
        MtnMomoGateway collection = new MtnMomoGateway(config(simulator.baseUrl(), DISBURSEMENT));
        Payment payment = payment(SUCCEEDS);
        assertInstanceOf(ProviderAnswer.ActionRequired.class, collection.initiate(new ProviderRequest(null, payment, null)));
        sleep(DELAY);
        assertInstanceOf(ProviderAnswer.Succeeded.class, collection.status(payment));
        MtnMomoDisbursement gateway = disbursement();
        RefundOrder part = new RefundOrder(Ids.next(Ids.REFUND), payment, 1000, Currency.XOF, "Article retourné", null);
        RefundOrder rest = new RefundOrder(Ids.next(Ids.REFUND), payment, 500, Currency.XOF, null, null);
        RefundOrder beyond = new RefundOrder(Ids.next(Ids.REFUND), payment, 1, Currency.XOF, null, null);

        assertTrue(gateway.refunds(part));
        assertFalse(gateway.refunds(new RefundOrder("re_x", payment, 1501, Currency.XOF, null, null)));
        assertEquals(new PayoutAnswer.Pending(ReferenceIds.of(part.id())), gateway.refund(part));
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.refund(rest));
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.refund(beyond));
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.refund(part), "asked again: 409, read, no second refund");
        sleep(DELAY);
        assertEquals(new PayoutAnswer.Succeeded(ReferenceIds.of(part.id())), gateway.status(part));
        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.status(rest));
        assertEquals("forbidden_by_provider", assertInstanceOf(PayoutAnswer.Failed.class, gateway.status(beyond)).code());
        assertEquals(1, simulator.disbursement().acceptedFor(part.id()));
    }

    @Test
    void aRefundOfAPaymentMtnNeverCollectedFails() throws Exception {
        MtnMomoDisbursement gateway = disbursement();
        RefundOrder order = new RefundOrder(Ids.next(Ids.REFUND), payment(SUCCEEDS), 1000, Currency.XOF, null, null);
        assertInstanceOf(PayoutAnswer.Pending.class, gateway.refund(order));
        sleep(DELAY);
        assertEquals("unknown_reason", assertInstanceOf(PayoutAnswer.Failed.class, gateway.status(order)).code());
    }

    /**
     * Log secrecy: transfers and refunds through success, failure, unknown outcomes and refused credentials; no
     * Disbursement credential, Basic or Bearer header, nor the recipient's number shows in output, answers or
     * exceptions in full.
     */
    @Test
    void noCredentialNorNumberInLogsAnswersOrErrors() throws Exception {
        String number = "22507" + "48213975";
        List<String> rendered = new ArrayList<>();
        String nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
        String unreachable = nowhere;
        rendered.add(config(simulator.baseUrl(), DISBURSEMENT).toString());
        String output = captured(() -> {
            MtnMomoDisbursement gateway = disbursement();
            PayoutOrder ok = transfer("+" + number);
            run(() -> gateway.send(ok), rendered);
            run(() -> gateway.status(ok), rendered);
            simulator.disbursement().faults().failPosts(1, 500, true);
            PayoutOrder unknown = transfer(number);
            run(() -> gateway.send(unknown), rendered);
            simulator.disbursement().faults().failStatusReads(1, 503);
            run(() -> gateway.status(unknown), rendered);
            run(() -> disbursement(simulator.baseUrl(), COLLECTION).send(transfer(number)), rendered);
            run(() -> disbursement(unreachable, DISBURSEMENT).send(transfer(number)), rendered);
            run(() -> gateway.send(transfer("4673312345")), rendered);
            run(() -> gateway.refund(new RefundOrder(Ids.next(Ids.REFUND), payment(number), 100, Currency.XOF, null,
                    null)), rendered);
        });
        String basic = Base64.getEncoder().encodeToString((DISBURSEMENT.apiUser() + ":" + DISBURSEMENT.apiKey())
                .getBytes(StandardCharsets.UTF_8));
        String everything = output + String.join("\n", rendered);
        assertTrue(everything.contains("OutcomeUnknown"), everything);
        for (String secret : List.of(DISBURSEMENT.subscriptionKey(), DISBURSEMENT.apiUser(), DISBURSEMENT.apiKey(),
                COLLECTION.apiKey(), basic, "SECRET", "Bearer ", "Basic ", number)) {
            assertFalse(everything.contains(secret), "a secret or the number shows (" + secret + "):\n" + everything);
        }
    }

    private static void run(Callable<?> call, List<String> rendered) {
        try {
            rendered.add(String.valueOf(call.call()));
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            rendered.add(e + "\n" + trace);
        }
    }

    private static String captured(Runnable run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            run.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
