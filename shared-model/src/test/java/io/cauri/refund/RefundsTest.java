package io.cauri.refund;

import io.cauri.intent.PaymentIntent;
import io.cauri.ledger.InsufficientFundsException;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutConnector;
import io.cauri.provider.PayoutGateway;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;
import io.cauri.testing.MoneyOut;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
import io.cauri.intent.Currency;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refunds on the real DynamoDB engine and the sandbox provider: what remains, one in flight, the outcomes. */
class RefundsTest {
    private final MoneyOut money = new MoneyOut();

    private static NewRefund of(PaymentIntent intent, Long amount) {
        return new NewRefund(intent.id(), null, amount, "requested_by_customer", Map.of("order", "42"));
    }

    private static List<Kind> kinds(List<LedgerTransaction> journal) {
        return journal.stream().map(LedgerTransaction::kind).toList();
    }

    @Test
    void partialRefundsUpToWhatWasPaidThenOverTheRemainingIsRefused() {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "0700000001");

        Refund first = money.refunds.create(merchant, Mode.SANDBOX, of(paid, 4_000L));
        assertEquals(RefundStatus.SUCCEEDED, first.status());
        assertEquals(paid.payments().get(0).id(), first.paymentId());
        assertEquals(Map.of("order", "42"), first.metadata());

        RefusalException over = assertThrows(RefusalException.class,
                () -> money.refunds.create(merchant, Mode.SANDBOX, of(paid, 6_005L)));
        assertEquals(Refusal.BALANCE_INSUFFICIENT, over.refusal());
        assertEquals("amount", over.param());
        assertTrue(over.publicMessage().contains("6000"), over.publicMessage());

        Refund rest = money.refunds.create(merchant, Mode.SANDBOX, of(paid, null));
        assertEquals(6_000, rest.amount(), "no amount: what remains");
        assertEquals(RefundStatus.SUCCEEDED, rest.status());

        RefusalException done = assertThrows(RefusalException.class,
                () -> money.refunds.create(merchant, Mode.SANDBOX, of(paid, null)));
        assertEquals(Refusal.BALANCE_INSUFFICIENT, done.refusal());
        assertEquals(0, money.balance(merchant, Mode.SANDBOX).available());
        assertEquals(new RefundRepository.PaymentRefunds(10_000, null),
                money.refundStore.ofPayment(merchant, Mode.SANDBOX, paid.payments().get(0).id()));
        assertEquals(List.of(Kind.PAYMENT, Kind.REFUND, Kind.REFUND_SETTLEMENT, Kind.REFUND, Kind.REFUND_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
    }

    @Test
    void twoConcurrentRefundsOfOnePaymentOneWins() throws Exception {
        String merchant = MoneyOut.merchant();
        // the provider's answer is lost: the winner stays in flight while the other tries
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "07" + "00000014");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<RefusalException> refused = new ConcurrentLinkedQueue<>();
        List<Future<Refund>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return money.refunds.create(merchant, Mode.SANDBOX, of(paid, 3_000L));
                } catch (RefusalException e) {
                    refused.add(e);
                    return null;
                }
            }));
        }
        start.countDown();
        List<Refund> created = new ArrayList<>();
        for (Future<Refund> f : results) {
            Refund r = f.get(60, TimeUnit.SECONDS);
            if (r != null) {
                created.add(r);
            }
        }
        pool.shutdown();

        assertEquals(1, created.size(), "one wins");
        assertEquals(1, refused.size());
        assertEquals(Refusal.REFUND_IN_PROGRESS, refused.peek().refusal());
        assertEquals(RefundStatus.PENDING, created.get(0).status());
        assertEquals(7_000, money.balance(merchant, Mode.SANDBOX).available());
        assertEquals(List.of(Kind.PAYMENT, Kind.REFUND), kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
    }

    @Test
    void tenConcurrentFullRefundsOfOnePaymentRefundItOnce() throws Exception {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 5_000, "0700000001");
        money.fund(merchant, Mode.SANDBOX, 50_000); // the balance is not what stops them
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Refund>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return money.refunds.create(merchant, Mode.SANDBOX, of(paid, null));
                } catch (RefusalException e) {
                    assertTrue(e.refusal() == Refusal.REFUND_IN_PROGRESS || e.refusal() == Refusal.BALANCE_INSUFFICIENT,
                            e.refusal().wire());
                    return null;
                }
            }));
        }
        start.countDown();
        long refunded = 0;
        for (Future<Refund> f : results) {
            Refund r = f.get(60, TimeUnit.SECONDS);
            if (r != null) {
                assertEquals(RefundStatus.SUCCEEDED, r.status());
                refunded += r.amount();
            }
        }
        pool.shutdown();
        assertEquals(5_000, refunded, "the payment is refunded once, in full");
        assertEquals(50_000, money.balance(merchant, Mode.SANDBOX).available());
        money.assertConsistent(merchant, Mode.SANDBOX);
    }

    @Test
    void aProviderFailureReturnsTheFundsAndFreesThePayment() {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "07" + "00000015");

        Refund failed = money.refunds.create(merchant, Mode.SANDBOX, of(paid, 2_000L));

        assertEquals(RefundStatus.FAILED, failed.status());
        assertEquals("service_unavailable", failed.failureCode());
        assertEquals(10_000, money.balance(merchant, Mode.SANDBOX).available());
        assertEquals(0, money.balance(merchant, Mode.SANDBOX).reserved());
        assertEquals(new RefundRepository.PaymentRefunds(0, null),
                money.refundStore.ofPayment(merchant, Mode.SANDBOX, failed.paymentId()));
        assertEquals(List.of(Kind.PAYMENT, Kind.REFUND, Kind.REFUND_FAILURE),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));
        assertEquals(RefundStatus.FAILED, money.refunds.create(merchant, Mode.SANDBOX, of(paid, 10_000L)).status(),
                "a failed refund leaves the whole payment refundable");
    }

    @Test
    void aProviderTimeoutLeavesItPendingAndReconciliationSettlesIt() {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "07" + "00000014");

        Refund pending = money.refunds.create(merchant, Mode.SANDBOX, of(paid, 2_500L));
        assertEquals(RefundStatus.PENDING, pending.status());
        assertEquals(2_500, money.balance(merchant, Mode.SANDBOX).reserved());
        assertEquals(pending.id(), money.refundStore.ofPayment(merchant, Mode.SANDBOX, pending.paymentId()).refunding());

        money.checks.deliverAllNow();

        Refund settled = money.refunds.find(merchant, Mode.SANDBOX, pending.id());
        assertEquals(RefundStatus.SUCCEEDED, settled.status());
        assertEquals(new RefundRepository.PaymentRefunds(2_500, null),
                money.refundStore.ofPayment(merchant, Mode.SANDBOX, pending.paymentId()));
        assertEquals(7_500, money.balance(merchant, Mode.SANDBOX).available());
        assertEquals(List.of(Kind.PAYMENT, Kind.REFUND, Kind.REFUND_SETTLEMENT),
                kinds(money.assertConsistent(merchant, Mode.SANDBOX)));

        // the same success again (a second check, a callback) posts nothing and refunds nothing more
        assertEquals(settled, money.refunds.apply(pending, new PayoutAnswer.Succeeded("again")));
        assertEquals(3, money.assertConsistent(merchant, Mode.SANDBOX).size());
        assertEquals(2_500, money.refundStore.ofPayment(merchant, Mode.SANDBOX, pending.paymentId()).refunded());
    }

    @Test
    void theSweepSettlesAPendingRefundWhoseChecksWereLost() {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "07" + "00000014");
        Refund pending = money.refunds.create(merchant, Mode.SANDBOX, of(paid, 1_000L));
        money.checks.close(); // its check is lost

        Refunds.Sweep sweep = money.refunds.settleOverdue(java.time.Duration.ZERO, 1_000, null);

        assertTrue(sweep.settled() >= 1, sweep.toString());
        assertEquals(RefundStatus.SUCCEEDED, money.refunds.find(merchant, Mode.SANDBOX, pending.id()).status());
        assertEquals(new RefundRepository.PaymentRefunds(1_000, null),
                money.refundStore.ofPayment(merchant, Mode.SANDBOX, pending.paymentId()));
    }

    @Test
    void aRefundNeedsTheAvailableBalance() {
        String merchant = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "0700000001");
        money.transfers.create(merchant, Mode.SANDBOX, new NewTransfer("out", 9_000, Currency.XOF, "d",
                new Destination(Destination.MOBILE_MONEY, "CI", "A", "0700000001", "orange")));

        RefusalException e = assertThrows(InsufficientFundsException.class,
                () -> money.refunds.create(merchant, Mode.SANDBOX, of(paid, 2_000L)));

        assertEquals(Refusal.BALANCE_INSUFFICIENT, e.refusal());
        assertEquals(new RefundRepository.PaymentRefunds(0, null),
                money.refundStore.ofPayment(merchant, Mode.SANDBOX, paid.payments().get(0).id()),
                "nothing stored: the payment is not left in flight");
        assertEquals(RefundStatus.SUCCEEDED, money.refunds.create(merchant, Mode.SANDBOX, of(paid, 1_000L)).status());
    }

    @Test
    void onlyASuccessfulPaymentOfTheMerchantAndModeIsRefunded() {
        String merchant = MoneyOut.merchant();
        String other = MoneyOut.merchant();
        PaymentIntent paid = money.paid(merchant, Mode.SANDBOX, 10_000, "0700000001");
        money.fund(other, Mode.SANDBOX, 50_000);
        String paymentId = paid.payments().get(0).id();

        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.create(other, Mode.SANDBOX, of(paid, null))));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.create(other, Mode.SANDBOX,
                new NewRefund(null, paymentId, null, null, null))));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.create(merchant, Mode.LIVE, of(paid, null))));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.create(merchant, Mode.SANDBOX,
                new NewRefund(null, "pay_unknown", null, null, null))));

        PaymentIntent open = money.intents.create(PaymentIntent.open(io.cauri.id.Ids.next(io.cauri.id.Ids.INTENT),
                merchant, Mode.SANDBOX, Instant.now(), "o", "c", 1_000, Currency.XOF, null));
        RefusalException unpaid = assertThrows(RefusalException.class,
                () -> money.refunds.create(merchant, Mode.SANDBOX, of(open, null)));
        assertEquals(Refusal.INVALID_STATE, unpaid.refusal());

        Refund mine = money.refunds.create(merchant, Mode.SANDBOX, new NewRefund(null, paymentId, 1_000L, null, null));
        assertEquals(paid.id(), mine.intentId());
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.find(other, Mode.SANDBOX, mine.id())));
        assertEquals(Refusal.NOT_FOUND, refusal(() -> money.refunds.find(merchant, Mode.LIVE, mine.id())));
        assertEquals(0, money.refunds.page(other, Mode.SANDBOX, 10, null, null, null).items().size());
        assertEquals(50_000, money.balance(other, Mode.SANDBOX).available(), "the other's books are untouched");
        assertEquals(9_000, money.balance(merchant, Mode.SANDBOX).available());
    }

    @Test
    void aLivePaymentsConnectorWithoutRefundsIsAClearRefusal() {
        String merchant = MoneyOut.merchant();
        PayoutGateway payoutsOnly = new io.cauri.sandbox.SandboxPayoutGateway();
        MoneyOut live = new MoneyOut(Clock.systemUTC(), List.of(new PayoutConnector("fedapay", payoutsOnly, null)));
        PaymentIntent paid = livePaid(live, merchant, "fedapay");
        PaymentIntent unknownConnector = livePaid(live, merchant, "nowhere");
        PaymentIntent noConnector = livePaid(live, merchant, null);

        assertEquals(Refusal.REFUND_UNSUPPORTED, refusal(() -> live.refunds.create(merchant, Mode.LIVE, of(paid, null))));
        assertEquals(Refusal.REFUND_UNSUPPORTED,
                refusal(() -> live.refunds.create(merchant, Mode.LIVE, of(unknownConnector, null))));
        assertEquals(Refusal.REFUND_UNSUPPORTED, refusal(() -> live.refunds.create(merchant, Mode.LIVE,
                of(noConnector, null))), "the sandbox never answers for a live payment");
        assertEquals(30_000, live.balance(merchant, Mode.LIVE).available(), "nothing reserved");
    }

    @Test
    void aProviderThatRefundsOnlyWholePaymentsRefusesAPartOne() {
        String merchant = MoneyOut.merchant();
        io.cauri.sandbox.SandboxPayoutGateway sandbox = new io.cauri.sandbox.SandboxPayoutGateway();
        io.cauri.provider.RefundGateway wholeOnly = new io.cauri.provider.RefundGateway() {
            @Override
            public boolean refunds(io.cauri.provider.RefundOrder order) {
                return order.amount() == order.payment().amount();
            }

            @Override
            public PayoutAnswer refund(io.cauri.provider.RefundOrder order) {
                return sandbox.refund(order);
            }

            @Override
            public PayoutAnswer status(io.cauri.provider.RefundOrder order) {
                return sandbox.status(order);
            }
        };
        MoneyOut live = new MoneyOut(Clock.systemUTC(), List.of(new PayoutConnector("wave", null, wholeOnly)));
        PaymentIntent paid = livePaid(live, merchant, "wave");

        RefusalException partial = assertThrows(RefusalException.class,
                () -> live.refunds.create(merchant, Mode.LIVE, of(paid, 4_000L)));
        assertEquals(Refusal.REFUND_UNSUPPORTED, partial.refusal());
        assertEquals("amount", partial.param());
        Refund whole = live.refunds.create(merchant, Mode.LIVE, of(paid, null));
        assertEquals(RefundStatus.SUCCEEDED, whole.status());
        assertEquals("wave", whole.gatewayId());
    }

    @Test
    void listsByMerchantAndIntent() {
        String merchant = MoneyOut.merchant();
        PaymentIntent a = money.paid(merchant, Mode.SANDBOX, 10_000, "0700000001");
        PaymentIntent b = money.paid(merchant, Mode.SANDBOX, 10_000, "0700000001");
        Refund a1 = money.refunds.create(merchant, Mode.SANDBOX, of(a, 1_000L));
        Refund b1 = money.refunds.create(merchant, Mode.SANDBOX, of(b, 1_000L));
        Refund a2 = money.refunds.create(merchant, Mode.SANDBOX, of(a, 1_000L));

        assertEquals(List.of(a2.id(), b1.id(), a1.id()), ids(money.refunds.page(merchant, Mode.SANDBOX, 10, null, null,
                null).items()));
        RefundRepository.CursorPage ofA = money.refunds.page(merchant, Mode.SANDBOX, 1, null, null, a.id());
        assertEquals(List.of(a2.id()), ids(ofA.items()));
        assertTrue(ofA.hasMore());
        assertEquals(List.of(a1.id()), ids(money.refunds.page(merchant, Mode.SANDBOX, 1, a2.id(), null, a.id()).items()));
        RefundRepository.Page page = money.refunds.list(new RefundRepository.Query(merchant, Mode.SANDBOX,
                Instant.EPOCH, Instant.now().plusSeconds(60), a.id(), RefundStatus.SUCCEEDED, 1, 10));
        assertEquals(2, page.total());
        assertNull(page.items().get(0).failureCode());
    }

    private static PaymentIntent livePaid(MoneyOut m, String merchant, String connector) {
        // a live payment as its connector ended it: its gatewayId names the connector
        Instant now = Instant.now();
        PaymentIntent open = m.intents.create(PaymentIntent.open(io.cauri.id.Ids.next(io.cauri.id.Ids.INTENT),
                merchant, Mode.LIVE, now, "o", "c", 10_000, Currency.XOF, null));
        io.cauri.intent.Payment payment = new io.cauri.intent.Payment(io.cauri.id.Ids.next(io.cauri.id.Ids.PAYMENT),
                open.id(), now, now, io.cauri.intent.PaymentStatus.PROCESSING, 10_000, Currency.XOF, "mobile_money",
                "CI", "wave", "0700000001", null, List.of(), null, null, connector, null, null);
        PaymentIntent processing = m.intents.updateWithNewPayment(
                io.cauri.intent.IntentStateMachine.attempt(open, payment, now), payment.id());
        PaymentIntent succeeded = io.cauri.intent.IntentStateMachine.succeed(processing, payment.id(), now);
        return m.intents.update(succeeded, io.cauri.ledger.Postings.of(processing, succeeded));
    }

    private static List<String> ids(List<Refund> refunds) {
        return refunds.stream().map(Refund::id).toList();
    }

    private static Refusal refusal(Runnable call) {
        return assertThrows(RefusalException.class, call::run).refusal();
    }
}
