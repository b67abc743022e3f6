package io.cauri.connector.wave;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Fee;
import io.cauri.intent.Payment;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.RefundOrder;
import io.cauri.simulator.wave.WavePayouts;
import io.cauri.simulator.wave.WaveSimulator;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wave's Payout API and checkout refund against the Wave simulator on 127.0.0.1: real HTTP, no mock. */
class WaveMoneyOutTest {
    private static final String KEY = "wave_sn_prod_MONEYOUT-SECRET-key";
    private static final String WEBHOOK = "wave_sn_WHS_moneyout";
    private static final String RECIPIENT = "+221771234567";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private WaveSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(KEY).withClock(clock), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private WaveMoneyOut gateway(URI baseUrl, String key) {
        return new WaveMoneyOut(new WaveConfig(baseUrl, key, null, WEBHOOK)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(2)), clock);
    }

    private WaveMoneyOut gateway() {
        return gateway(simulator.baseUrl(), KEY);
    }

    private static PayoutOrder transfer(String mobile) {
        return new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, "SN", "wave", mobile, "Awa Diop", 5000, Currency.XOF,
                "Salaire novembre", null);
    }

    private static PayoutOrder withReference(PayoutOrder o, String reference) {
        return new PayoutOrder(o.id(), o.mode(), o.country(), o.provider(), o.msisdn(), o.recipientName(), o.amount(),
                o.currency(), o.description(), reference);
    }

    @Test
    void aPayoutIsSentUnderTheTransferIdThenSucceeds() {
        simulator.payouts().payoutDelay(Duration.ofMinutes(1));
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);

        PayoutAnswer.Pending sent = assertInstanceOf(PayoutAnswer.Pending.class, gateway.send(order));

        assertTrue(sent.providerReference().startsWith("pt-"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(new PayoutAnswer.Succeeded(sent.providerReference()),
                gateway.status(withReference(order, sent.providerReference())));
        assertEquals(new PayoutAnswer.Succeeded(sent.providerReference()), gateway.status(order), "found by search");
        assertEquals(1, simulator.payouts().created(order.id()));
    }

    @Test
    void sendingAnOrderAgainAnswersTheSamePayout() {
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);
        PayoutAnswer first = gateway.send(order);
        assertEquals(first, gateway().send(order));
        assertEquals(2, simulator.payouts().requests(order.id()));
        assertEquals(1, simulator.payouts().created(order.id()));
    }

    @ParameterizedTest
    @CsvSource({"+221700000001, service_unavailable", "+221700000002, payer_quota_exceeded",
            "+221700000003, customer_account_locked", "+221700000004, invalid_msisdn",
            "+221700000005, forbidden_by_provider", "+221700000007, unsupported_currency"})
    void wavesFailedPayoutsCarryACodeOfTheCatalogue(String mobile, String code) {
        PayoutAnswer.Failed failed = assertInstanceOf(PayoutAnswer.Failed.class, gateway().send(transfer(mobile)));
        assertEquals(code, failed.code());
        assertTrue(failed.providerReference().startsWith("pt-"));
        assertFalse(failed.message().contains(mobile), failed.message());
    }

    @Test
    void aPayoutStillProcessingStaysPending() {
        PayoutOrder order = transfer(WavePayouts.STAYS_PROCESSING);
        gateway().send(order);
        clock.advance(Duration.ofHours(1));
        assertInstanceOf(PayoutAnswer.Pending.class, gateway().status(order));
    }

    @Test
    void a5xxAfterWaveCreatedThePayoutIsUnknownThenFoundNotSentAgain() {
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);
        simulator.payouts().failNextAfterCreating(1, 500);

        assertThrows(WaveOutcomeUnknownException.class, () -> gateway.send(order));

        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.status(order));
        assertEquals(1, simulator.payouts().created(order.id()));
        assertEquals(1, simulator.payouts().requests(order.id()), "found by the search: not sent again");
    }

    @Test
    void a5xxBeforeWaveCreatedItIsUnknownAndTheStatusReadSendsItOnce() {
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);
        simulator.payouts().failNextBeforeCreating(1, 503);

        assertThrows(WaveOutcomeUnknownException.class, () -> gateway.send(order));
        assertEquals(0, simulator.payouts().created(order.id()));

        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.status(order));
        assertEquals(1, simulator.payouts().created(order.id()));
    }

    @Test
    void aTimeoutAfterSendingIsUnknownNeverFailed() {
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);
        simulator.payouts().delayNext(1, Duration.ofMillis(5000));

        assertThrows(WaveOutcomeUnknownException.class, () -> gateway.send(order));
        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.status(order));
        assertEquals(1, simulator.payouts().created(order.id()));
    }

    @Test
    void waveUnreachableOrRefusingTheKeyOrReadsFailingIsUnknownNeverFailed() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        PayoutOrder order = transfer(RECIPIENT);
        URI unreachable = nowhere;
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway(unreachable, KEY).send(order));
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway(simulator.baseUrl(), "wave_sn_prod_other").send(order));
        assertEquals(0, simulator.payouts().created(order.id()));
    }

    @Test
    void aReversedPayoutIsFailedForAPendingTransferAndSaidLoudly() {
        WaveMoneyOut gateway = gateway();
        PayoutOrder order = transfer(RECIPIENT);
        PayoutAnswer.Succeeded paid = assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.send(order));
        assertTrue(simulator.payouts().reverse(paid.providerReference()));

        PayoutAnswer.Failed reversed = assertInstanceOf(PayoutAnswer.Failed.class,
                gateway.status(withReference(order, paid.providerReference())));
        assertEquals("canceled", reversed.code());
    }

    @Test
    void anOrderWaveCannotTakeIsFailedWithoutSending() {
        PayoutOrder local = transfer("771234");
        assertEquals("invalid_msisdn", assertInstanceOf(PayoutAnswer.Failed.class, gateway().send(local)).code());
        PayoutOrder xaf = new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, "SN", "wave", RECIPIENT, null, 500,
                Currency.XAF, null, null);
        assertEquals("unsupported_currency", assertInstanceOf(PayoutAnswer.Failed.class, gateway().send(xaf)).code());
        PayoutOrder badReason = new PayoutOrder(Ids.next(Ids.TRANSFER), Mode.LIVE, "SN", "wave", "221771234567", null,
                500, Currency.XOF, "x".repeat(80), null);
        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway().send(badReason), "no '+': added; reason clipped to 40");
        assertEquals(0, simulator.payouts().requests(local.id()) + simulator.payouts().requests(xaf.id()));
    }

    private Payment paidSession(long amount) {
        Payment payment = Payments.payment(Ids.next(Ids.PAYMENT), amount, clock.instant());
        WaveCheckoutGateway checkout = new WaveCheckoutGateway(new WaveConfig(simulator.baseUrl(), KEY, null, WEBHOOK), clock);
        String session = assertInstanceOf(ProviderAnswer.ActionRequired.class,
                checkout.initiate(Payments.request(payment))).providerReference();
        simulator.pay(session);
        return Payments.withReference(payment, session);
    }

    @Test
    void aPaidSessionIsRefundedInFullOnce() {
        WaveMoneyOut gateway = gateway();
        Payment payment = paidSession(2500);
        RefundOrder order = new RefundOrder(Ids.next(Ids.REFUND), payment, 2500, Currency.XOF, "retour", null);

        assertTrue(gateway.refunds(order));
        assertEquals(new PayoutAnswer.Succeeded(payment.providerReference()), gateway.refund(order));
        assertEquals(new PayoutAnswer.Succeeded(payment.providerReference()), gateway.status(order),
                "asked again: already refunded, not a second refund");
        assertEquals(1, simulator.refunds(payment.providerReference()));
    }

    @Test
    void aPartialRefundOrOneOfAPaymentWithPayerFeesIsNotOffered() {
        WaveMoneyOut gateway = gateway();
        Payment payment = paidSession(2500);
        assertFalse(gateway.refunds(new RefundOrder("re_1", payment, 1000, Currency.XOF, null, null)), "partial");
        Payment withFees = new Payment(payment.id(), payment.intentId(), payment.createdAt(), payment.updatedAt(),
                payment.status(), payment.amount(), payment.currency(), payment.method(), payment.country(),
                payment.provider(), payment.number(), null, List.of(new Fee("fee_1", java.math.BigDecimal.ONE, Fee.RateType.values()[0], 50, Currency.XOF, "processing", List.of())),
                null, payment.providerReference(), null, null, null);
        assertFalse(gateway.refunds(new RefundOrder("re_2", withFees, 2500, Currency.XOF, null, null)),
                "Wave would give back the payer's fee too");
        assertFalse(gateway.refunds(new RefundOrder("re_3", Payments.withReference(payment, null), 2500, Currency.XOF,
                null, null)), "no session known");
        assertEquals("bad_parameters", assertInstanceOf(PayoutAnswer.Failed.class,
                gateway.refund(new RefundOrder("re_1", payment, 1000, Currency.XOF, null, null))).code());
        assertEquals(0, simulator.refunds(payment.providerReference()));
    }

    @Test
    void aRefundWhoseAnswerIsLostIsUnknownThenReadAsDone() {
        WaveMoneyOut gateway = gateway();
        Payment payment = paidSession(2500);
        RefundOrder order = new RefundOrder(Ids.next(Ids.REFUND), payment, 2500, Currency.XOF, null, null);
        simulator.failNextRefundsAfterRefunding(1, 502);

        assertThrows(WaveOutcomeUnknownException.class, () -> gateway.refund(order));

        assertInstanceOf(PayoutAnswer.Succeeded.class, gateway.status(order));
        assertEquals(1, simulator.refunds(payment.providerReference()));
    }

    @Test
    void aRefundOfAnUnpaidSessionIsFailedOnTheFirstAskOnly() {
        Payment payment = Payments.payment(Ids.next(Ids.PAYMENT), 2500, clock.instant());
        WaveCheckoutGateway checkout = new WaveCheckoutGateway(new WaveConfig(simulator.baseUrl(), KEY, null, WEBHOOK), clock);
        String session = ((ProviderAnswer.ActionRequired) checkout.initiate(Payments.request(payment))).providerReference();
        RefundOrder order = new RefundOrder(Ids.next(Ids.REFUND), Payments.withReference(payment, session), 2500,
                Currency.XOF, null, null);
        assertEquals("bad_parameters", assertInstanceOf(PayoutAnswer.Failed.class, gateway().refund(order)).code());
        assertThrows(WaveOutcomeUnknownException.class, () -> gateway().status(order),
                "a re-ask proves nothing but 'already refunded'");
    }

    /** Log secrecy: no API key, Bearer header nor recipient number in output, answers or exceptions in full. */
    @Test
    void noKeyNorNumberInLogsAnswersOrErrors() throws Exception {
        List<String> rendered = new ArrayList<>();
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI unreachable = nowhere;
        String output = captured(() -> {
            WaveMoneyOut gateway = gateway();
            PayoutOrder ok = transfer(RECIPIENT);
            run(() -> gateway.send(ok), rendered);
            PayoutAnswer paid = gateway.status(ok);
            simulator.payouts().reverse(paid instanceof PayoutAnswer.Succeeded s ? s.providerReference() : "");
            run(() -> gateway.status(ok), rendered);
            run(() -> gateway.send(transfer("+221700000003")), rendered);
            simulator.payouts().failNextAfterCreating(1, 500);
            run(() -> gateway.send(transfer(RECIPIENT)), rendered);
            run(() -> gateway(unreachable, KEY).send(transfer(RECIPIENT)), rendered);
            run(() -> gateway(simulator.baseUrl(), "wave_sn_prod_MONEYOUT-SECRET-wrong").send(transfer(RECIPIENT)), rendered);
            run(() -> gateway.send(transfer("+2217712")), rendered);
        });
        String everything = output + String.join("\n", rendered);
        assertTrue(everything.contains("WaveOutcomeUnknownException"), everything);
        assertTrue(output.contains("REVERSED"), "the reversal is said loudly: " + output);
        for (String secret : List.of(KEY, "SECRET", "Bearer ", RECIPIENT, "771234567", "+2217712")) {
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
